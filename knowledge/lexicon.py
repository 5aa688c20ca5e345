"""General lexical knowledge: Swedish synonyms (Synlex) and English-to-Swedish
translations (FreeDict), filtered to what reaches the policy texts.

Both are read from compact files in knowledge/lexicon/ that `python -m
knowledge.lexicon_build` derives from Debian's packages; nothing is fetched at run time.
Entries are kept as analysed terms (folded, stemmed) like the glossary's, so a lookup
matches whatever inflection the user typed. Their credit is below that of the
question's own words and of the domain glossary: they are general, not about policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from knowledge.analysis import SV_STOPWORDS, Analyzer, fold, tokens
from knowledge.glossary import Terms, english_forms

LEXICON_DIR = Path(__file__).parent / "lexicon"
SYNLEX_FILE = "synlex_sv.tsv"
FREEDICT_FILE = "freedict_en_sv.tsv"
SYNLEX_CREDIT = 0.6
FREEDICT_CREDIT = 0.8


@dataclass
class Lexicon:
    synonyms: dict[str, list[Terms]] = field(default_factory=dict)  # stem -> expansions
    english: dict[str, list[Terms]] = field(default_factory=dict)  # word -> translations
    synonym_credit: float = SYNLEX_CREDIT
    english_credit: float = FREEDICT_CREDIT

    def swedish(self, stem: str) -> list[tuple[Terms, float]]:
        return [(t, self.synonym_credit) for t in self.synonyms.get(stem, ())]

    def translate(self, word: str) -> list[tuple[Terms, float]]:
        for form in english_forms(word):
            got = self.english.get(form)
            if got:
                return [(t, self.english_credit) for t in got]
        return []


def _rows(path: Path) -> list[tuple[str, list[str]]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, values = line.split("\t", 1)
            out.append((key, values.split("|")))
    return out


def _terms(analyzer: Analyzer, phrase: str) -> Terms:
    return tuple(
        analyzer.stem(f) for f in (fold(t) for t in tokens(phrase)) if f not in SV_STOPWORDS
    )


def load_lexicon(
    analyzer: Analyzer,
    *,
    folder: Path = LEXICON_DIR,
    synonym_credit: float = SYNLEX_CREDIT,
    english_credit: float = FREEDICT_CREDIT,
) -> Lexicon:
    """The lexicon; a credit of 0 leaves that resource out."""
    seen: dict[str, Terms] = {}  # the same synonyms recur under many words

    def analysed(phrase: str) -> Terms:
        got = seen.get(phrase)
        if got is None:
            got = seen[phrase] = _terms(analyzer, phrase)
        return got

    synonyms: dict[str, dict[Terms, None]] = {}
    if synonym_credit > 0:
        for word, values in _rows(folder / SYNLEX_FILE):
            key = analysed(word)
            if len(key) != 1:
                continue
            slot = synonyms.setdefault(key[0], {})
            for value in values:
                terms = analysed(value)
                if terms and terms != key:
                    slot[terms] = None
    english: dict[str, list[Terms]] = {}
    if english_credit > 0:
        for word, values in _rows(folder / FREEDICT_FILE):
            english[word] = [t for t in (analysed(v) for v in values) if t]
    return Lexicon(
        {k: list(v) for k, v in synonyms.items()},
        english,
        synonym_credit,
        english_credit,
    )
