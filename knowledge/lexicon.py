"""General lexical knowledge: Swedish synonyms (Synlex) and English-to-Swedish
translations (FreeDict), filtered to what reaches the policy texts.

Both are read from compact files in knowledge/lexicon/ that `python -m
knowledge.lexicon_build` derives from Debian's packages; nothing is fetched at run time.
Entries are kept as analysed terms (folded, stemmed) like the glossary's, so a lookup
matches whatever inflection the user typed. Their credit is below that of the
question's own words and of the domain glossary: they are general, not about policy.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.analysis import SV_STOPWORDS, Analyzer, fold, tokens
from knowledge.glossary import Terms, english_forms

LEXICON_DIR = Path(__file__).parent / "lexicon"
SYNLEX_FILE = "synlex_sv.tsv"
FREEDICT_FILE = "freedict_en_sv.tsv"
SYNLEX_CREDIT = 0.6
FREEDICT_CREDIT = 0.8


class Lexicon:
    """Look-ups by stem (Swedish) and by word (English). Only the keys are analysed at
    start-up; an entry's expansions are analysed when a question first needs them,
    which keeps `intbot ask` from stemming some 6,000 synonyms to answer one question."""

    def __init__(
        self,
        analyzer: Analyzer | None = None,
        *,
        synonyms: dict[str, list[str]] | None = None,  # stem -> synonym phrases
        english: dict[str, list[str]] | None = None,  # word -> Swedish phrases
        synonym_credit: float = SYNLEX_CREDIT,
        english_credit: float = FREEDICT_CREDIT,
    ) -> None:
        self._analyzer = analyzer or Analyzer()
        self._synonyms = synonyms or {}
        self._english = english or {}
        self._analysed: dict[str, Terms] = {}  # the same synonyms recur under many words
        self._swedish_cache: dict[str, list[Terms]] = {}
        self._english_cache: dict[str, list[Terms]] = {}
        self.synonym_credit = synonym_credit
        self.english_credit = english_credit

    def _terms(self, phrase: str) -> Terms:
        got = self._analysed.get(phrase)
        if got is None:
            got = self._analysed[phrase] = _terms(self._analyzer, phrase)
        return got

    def swedish(self, stem: str) -> list[tuple[Terms, float]]:
        got = self._swedish_cache.get(stem)
        if got is None:
            got = list(
                dict.fromkeys(
                    t for t in map(self._terms, self._synonyms.get(stem, ())) if t and t != (stem,)
                )
            )
            self._swedish_cache[stem] = got
        return [(t, self.synonym_credit) for t in got]

    def translate(self, word: str) -> list[tuple[Terms, float]]:
        for form in english_forms(word):
            if form not in self._english:
                continue
            got = self._english_cache.get(form)
            if got is None:
                got = [t for t in map(self._terms, self._english[form]) if t]
                self._english_cache[form] = got
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
    synonyms: dict[str, list[str]] = {}
    if synonym_credit > 0:
        for word, values in _rows(folder / SYNLEX_FILE):
            if " " in word or "-" in word:
                continue  # questions are read word by word
            stem = analyzer.stem(fold(word))
            synonyms.setdefault(stem, []).extend(values)
    english = dict(_rows(folder / FREEDICT_FILE)) if english_credit > 0 else {}
    return Lexicon(
        analyzer,
        synonyms=synonyms,
        english=english,
        synonym_credit=synonym_credit,
        english_credit=english_credit,
    )
