"""The domain glossary (`glossary.yml`): Swedish synonyms, one-way related terms and
English-to-Swedish terms of municipal governance and international work.

Keys and expansions are kept as sequences of analysed terms (folded, stemmed), so a
lookup is a tuple match whatever the inflection or the diacritics the user typed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.analysis import SV_STOPWORDS, Analyzer, fold, tokens
from knowledge.documents import load_yaml

GLOSSARY_FILE = Path(__file__).parent / "glossary.yml"

Terms = tuple[str, ...]

SYNONYM_CREDIT = 0.8
RELATED_CREDIT = 0.7
ENGLISH_CREDIT = 1.0
NEIGHBOUR_MIN = 4


def english_forms(word: str) -> list[str]:
    """Cheap English morphology: the word and its likely base forms."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 4:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        forms.append(word[:-1])
    if word.endswith("ing") and len(word) > 5:
        forms += [word[:-3], word[:-3] + "e"]
    if word.endswith("ed") and len(word) > 4:
        forms += [word[:-2], word[:-1]]
    return forms


@dataclass
class Glossary:
    """Lookups from analysed Swedish phrases and from English phrases."""

    swedish: dict[Terms, list[tuple[Terms, float]]] = field(default_factory=dict)
    english: dict[tuple[str, ...], list[tuple[Terms, float]]] = field(default_factory=dict)
    max_phrase: int = 1
    words: set[str] = field(default_factory=set)  # folded Swedish words, for splitting

    def lookup_swedish(self, key: Terms) -> list[tuple[Terms, float]]:
        got = self.swedish.get(key)
        if got is not None or len(key) != 1 or len(key[0]) < NEIGHBOUR_MIN:
            return got or []
        # Snowball stems some inflections apart (`chans` -> chan, `chanserna` -> chans):
        # a one-word key one letter longer or shorter is the same word.
        word = key[0]
        for other in (word[:-1], *(word + c for c in "saenrt")):
            hit = self.swedish.get((other,))
            if hit is not None:
                return hit
        return []

    def lookup_english(self, words: tuple[str, ...]) -> list[tuple[Terms, float]] | None:
        """Translations of an English phrase, trying base forms of its last word."""
        *head, last = words
        for form in english_forms(last):
            got = self.english.get((*head, form))
            if got is not None:
                return got
        return None


def _analyse(analyzer: Analyzer, phrase: str) -> Terms:
    """A key as the question's words are read: stop words kept ("i första hand")."""
    return tuple(analyzer.stem(fold(t)) for t in tokens(phrase))


def _expansion(analyzer: Analyzer, phrase: str) -> Terms:
    """An expansion as the index holds it: stop words are not indexed."""
    terms = tuple(analyzer.stem(fold(t)) for t in tokens(phrase) if fold(t) not in SV_STOPWORDS)
    return terms or _analyse(analyzer, phrase)


def load_glossary(analyzer: Analyzer, path: Path | None = None) -> Glossary:
    raw = load_yaml((path or GLOSSARY_FILE).read_text(encoding="utf-8")) or {}
    expansions: dict[Terms, dict[Terms, float]] = defaultdict(dict)
    words: set[str] = set()

    def add(key: Terms, value: Terms, credit: float) -> None:
        if key and value and key != value:
            best = expansions[key].get(value, 0.0)
            expansions[key][value] = max(best, credit)

    for group in raw.get("synonyms") or []:
        words.update(fold(t) for word in group for t in tokens(str(word)))
        # Each member analysed once, not once per pair (start-up of `intbot ask`).
        keys = [_analyse(analyzer, str(text)) for text in group]
        values = [_expansion(analyzer, str(text)) for text in group]
        for key in keys:
            for value in values:
                add(key, value, SYNONYM_CREDIT)
    for key_text, values in (raw.get("related") or {}).items():
        key = _analyse(analyzer, str(key_text))
        words.update(fold(t) for t in tokens(str(key_text)))
        for value_text in values:
            words.update(fold(t) for t in tokens(str(value_text)))
            add(key, _expansion(analyzer, str(value_text)), RELATED_CREDIT)

    english: dict[tuple[str, ...], list[tuple[Terms, float]]] = {}
    for key_text, values in (raw.get("english") or {}).items():
        key_words = tuple(tokens(str(key_text)))
        english[key_words] = [(_expansion(analyzer, str(v)), ENGLISH_CREDIT) for v in values]
        words.update(fold(t) for v in values for t in tokens(str(v)))

    swedish = {
        key: sorted(values.items(), key=lambda kv: -kv[1]) for key, values in expansions.items()
    }
    longest = max(
        [len(k) for k in swedish] + [len(k) for k in english] + [1],
    )
    return Glossary(swedish=swedish, english=english, max_phrase=longest, words=words)
