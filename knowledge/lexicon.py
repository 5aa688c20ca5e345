"""General lexical knowledge: Swedish synonyms (Synlex) and English-to-Swedish
translations (FreeDict eng-swe, and through German: Ding's eng-deu with WikDict's
deu-swe), filtered to what reaches the policy texts.

All are read from compact files in knowledge/lexicon/ that `python -m
knowledge.lexicon_build` derives from Debian's packages; nothing is fetched at run time.
Entries are kept as analysed terms (folded, stemmed) like the glossary's, so a lookup
matches whatever inflection the user typed. Their credit is below that of the
question's own words and of the domain glossary: they are general, not about policy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from knowledge.analysis import SV_STOPWORDS, Analyzer, fold, tokens
from knowledge.glossary import Terms, english_forms

LEXICON_DIR = Path(__file__).parent / "lexicon"
SYNLEX_FILE = "synlex_sv.tsv"
FREEDICT_FILE = "freedict_en_sv.tsv"
DING_FILE = "ding_en_de.tsv"
WIKDICT_FILE = "wikdict_de_sv.tsv"
SYNLEX_CREDIT = 0.6
FREEDICT_CREDIT = 0.8
PIVOT_CREDIT = 0.6
# Through German, a Swedish word counts when at least this share of the English word's
# German translations lead to it: a word of many senses (`board`: Brett, Tafel, Vorstand,
# Kost ...) reaches unrelated Swedish words through one German sense each.
PIVOT_MIN_SHARE = 0.34
PIVOT_KEEP = 4  # Swedish words kept for an English one, most votes first
VOTE_POWER = 0.5  # a translation with fewer votes than the best one earns less


def pivot_votes(senses: int, swedish: Sequence[Sequence[str]]) -> list[tuple[str, int]]:
    """The Swedish words an English word reaches through its German translations (each
    with its Swedish words in `swedish`; `senses`: how many German translations it has
    in all), with their votes, most first."""
    votes = Counter(sv for words in swedish for sv in set(words))
    least = PIVOT_MIN_SHARE * senses
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))  # ties: alphabetical
    return [(sv, n) for sv, n in ranked if n >= least][:PIVOT_KEEP]


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
        german: dict[str, tuple[int, list[str]]] | None = None,  # word -> senses, German
        swedish_of_german: dict[str, list[str]] | None = None,  # German -> Swedish
        pivot_folder: Path | None = None,  # read the two above from here when first needed
        synonym_credit: float = SYNLEX_CREDIT,
        english_credit: float = FREEDICT_CREDIT,
        pivot_credit: float = PIVOT_CREDIT,
    ) -> None:
        self._analyzer = analyzer or Analyzer()
        self._synonyms = synonyms or {}
        self._english = english or {}
        self._german = german or {}
        self._swedish_of_german = swedish_of_german or {}
        self._pivot_folder = pivot_folder
        self._analysed: dict[str, Terms] = {}  # the same synonyms recur under many words
        self._swedish_cache: dict[str, list[Terms]] = {}
        self._english_cache: dict[str, list[tuple[Terms, float]]] = {}
        self._pivot_cache: dict[str, list[tuple[Terms, float]]] = {}
        self.synonym_credit = synonym_credit
        self.english_credit = english_credit
        self.pivot_credit = pivot_credit

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
        """FreeDict eng-swe's translations of the word (or of its base form)."""
        for form in english_forms(word):
            if form not in self._english:
                continue
            got = self._english_cache.get(form)
            if got is None:
                got = [(t, self.english_credit) for t in map(self._terms, self._english[form]) if t]
                self._english_cache[form] = got
            if got:
                return got
        return []

    def translate_further(self, word: str) -> list[tuple[Terms, float]]:
        """Translations through German (for words eng-swe has none for): those most of
        its German translations agree on, each credited by its share of the votes. Its
        files are read at the first English word eng-swe lacks, not at start-up."""
        if self._pivot_folder is not None:
            german, self._swedish_of_german = _read_pivot(self._pivot_folder)
            self._german.update(german)
            self._pivot_folder = None
        for form in english_forms(word):
            if form not in self._german:
                continue
            got = self._pivot_cache.get(form)
            if got is None:
                senses, germans = self._german[form]
                votes = pivot_votes(senses, [self._swedish_of_german.get(g, []) for g in germans])
                top = votes[0][1] if votes else 1
                got = [
                    (t, self.pivot_credit * (n / top) ** VOTE_POWER)
                    for t, n in ((self._terms(sv), n) for sv, n in votes)
                    if t
                ]
                self._pivot_cache[form] = got
            if got:
                return got
        return []


def _rows(path: Path) -> list[tuple[str, list[str]]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, values = line.rsplit("\t", 1)
            out.append((key, values.split("|")))
    return out


def _terms(analyzer: Analyzer, phrase: str) -> Terms:
    return tuple(
        analyzer.stem(f) for f in (fold(t) for t in tokens(phrase)) if f not in SV_STOPWORDS
    )


def _read_pivot(folder: Path) -> tuple[dict[str, tuple[int, list[str]]], dict[str, list[str]]]:
    german = {}
    for key, values in _rows(folder / DING_FILE):
        word, senses = key.split("\t")
        german[word] = (int(senses), values)
    return german, dict(_rows(folder / WIKDICT_FILE))


def load_lexicon(
    analyzer: Analyzer,
    *,
    folder: Path = LEXICON_DIR,
    synonym_credit: float = SYNLEX_CREDIT,
    english_credit: float = FREEDICT_CREDIT,
    pivot_credit: float = PIVOT_CREDIT,
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
        pivot_folder=folder if pivot_credit > 0 else None,
        synonym_credit=synonym_credit,
        english_credit=english_credit,
        pivot_credit=pivot_credit,
    )
