"""Swedish text analysis: tokens, folding of å/ä/ö, Snowball stems, stop words and
compound splitting against a vocabulary.

Every term the index stores and every term a question is turned into goes through
`fold` then `stem`, so `ökar` and `okar` meet, and `vänorter` and `vanort` do too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import Stemmer

_TOKEN = re.compile(r"[0-9a-zåäöéèüæøáà]+(?:[:'’][a-zåäö]+)?", re.IGNORECASE)
_FOLD = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u"}
    | {"æ": "a", "ø": "o", "á": "a", "à": "a"}
)

# Swedish function words and the commonest verbs and adverbs of questions: they carry no
# topic. Folded, so they also catch words typed without diacritics.
_SV_STOP = """
alla allt alltid annan annat andra att av bara med bl bli blir blivit borde bada da
de dem den denna denne dess dessa dessutom det detta dig din dina ditt du där e eftersom
ej eller en enligt er era ert ett fa far finnas finns fler for fran fa gor gora gjorde
gor gjort han har hade hela henne hennes hon honom hur hos har i ibland icke ihop in
inom inte ja jag ju kan kanske kunde kunna lite man mer mest mig min mina mitt mot
mycket maste man na nagon nagot nagra nar nat nu nej ni nar och ocksa om oss pa samma
sa sadan sadana sedan sig sin sina sitt ska skall skulle som sadan till tva under upp
ut utan vad var vara varit varje vars vart vem vi vid vilka vilken vilket vill vara
vart vara var varfor ar at anda aven ovrig ovriga ovrigt over
hej tack snalla undrar enl t ex tex osv etc sager ges gallande nagonting nat nan
tva tre fyra fem sex sju atta nio tio manga olika innebar innebara innebarn betyder betyda
menas behover behova behovs gor gora ske sker skett hander halla haller ta tar tagit
komma kommer ga gar se ser sag tycka tycker anse anser anses veta vet ute inne redan
alltsa ju nog igenom genomgaende sadant salunda hurdan hurdana egentligen exakt
nagonstans nanstans typ liksom just annars dvs inga ingen inget ofta ha hade haft
grej grejer grejor sak saker ge ger gav gett givit galler foljande
"""
# English function words; English content words are translated through the glossary.
_EN_STOP = """
a about above after again against all also am an and any are as at be been before being
below between both but by can could did do does doing down during each else ever few for
from further had has have having he her here hers him his how i if in into is it its
itself just me more most my no nor not now of off on once only or other our ours out over
own same she should so some such than that the their theirs them then there these they
this those through to too under until up very was we were what when where which while
who whom why will with would you your yours according hello hi please thanks thank
anything something does mean meant say says said tell kind sort way ways its us
hold holds held get gets got make makes made give gives given take takes let lets
many much any one ones whose want wants see seen go goes know often
"""

SV_STOPWORDS: frozenset[str] = frozenset(_SV_STOP.split())
EN_STOPWORDS: frozenset[str] = frozenset(_EN_STOP.split())

# Linking elements between the parts of a Swedish compound (`vänort-s-samarbete`,
# `tjänsteman-na-organisation`).
_LINKS = ("s", "e", "a", "na", "")
MIN_PART = 3
MIN_HEAD = 4  # the last part of a compound: `ort` in `vänort` is fine, `bar` is not
MIN_COMPOUND = 7
DEFINITE_MIN = 5
# Words whose base form itself ends in -et (kvalitet, budget, kabinett).
_ET_STEMS = ("itet", "get", "ett")


def fold(word: str) -> str:
    """Lower-case and drop the diacritics of å, ä, ö (and a few loan letters)."""
    return word.lower().translate(_FOLD)


def _clean(raw: str) -> str:
    word = raw.lower()
    for mark in ("'", "’", ":"):
        if mark in word:
            word = word.split(mark, 1)[0]
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; a trailing possessive ('s, :s) is dropped."""
    return [_clean(raw) for raw in _TOKEN.findall(text)]


def token_offsets(text: str) -> list[int]:
    """Where each of `tokens(text)` starts in `text`."""
    return [m.start() for m in _TOKEN.finditer(text)]


class Analyzer:
    """Stemming with memoisation, and compound splitting against a known vocabulary."""

    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("swedish")
        self._stems: dict[str, str] = {}

    def stem(self, folded: str) -> str:
        """The Snowball stem of an already folded word (cached: words repeat a lot)."""
        got = self._stems.get(folded)
        if got is None:
            got = self._stemmer.stemWord(folded) if folded.isalpha() else folded
            # Snowball keeps the neuter definite -et: `syftet`, `arbetet`, `nätverket`
            # (but not the -itet of `kvalitet`, whose -en form it does stem).
            if (
                got == folded
                and got.endswith("et")
                and not got.endswith(_ET_STEMS)
                and len(got) >= DEFINITE_MIN + 1
            ):
                got = got[:-2]
            self._stems[folded] = got
        return got

    def terms(self, text: str) -> list[str]:
        """The stems of every non-stop word of `text`, in order."""
        return [self.stem(f) for f in (fold(t) for t in tokens(text)) if f not in SV_STOPWORDS]


class CompoundSplitter:
    """Split a folded word into parts that are themselves known words.

    Known words are folded words of the vocabulary (the indexed texts and the glossary);
    the last part may also be an inflection of one. Both sides of every split must be
    known: that keeps `internationell` from becoming `intern` + `ationell`, and
    `samordnaren` from `samordn` + `aren`.
    """

    def __init__(self, analyzer: Analyzer, vocabulary: Iterable[str]) -> None:
        self._analyzer = analyzer
        self._words: set[str] = set()  # first parts: whole words only, never bare stems
        self._stems: set[str] = set()
        for word in vocabulary:
            if len(word) >= MIN_PART and word not in SV_STOPWORDS and word.isalpha():
                self._words.add(word)
                self._stems.add(analyzer.stem(word))
        self._cache: dict[str, tuple[str, ...]] = {}

    def is_known(self, word: str) -> bool:
        """A whole word of the vocabulary, or an inflection of one (`planen`)."""
        return word in self._words or (
            len(word) > MIN_HEAD and self._analyzer.stem(word) in self._stems
        )

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of `word` (folded), or () when it is no compound of known words."""
        got = self._cache.get(word)
        if got is None:
            got = self._split(word, depth=0) if len(word) >= MIN_COMPOUND else ()
            self._cache[word] = got
        return got

    def _split(self, word: str, *, depth: int) -> tuple[str, ...]:
        best: tuple[str, ...] = ()
        best_key = (0, 0)
        # Prefer the longest first part: `kommunstyrelse|förvaltning` beats `kommun|...`.
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            left = word[:cut]
            if left not in self._words:
                continue
            rest = word[cut:]
            for link in _LINKS:
                if link and not rest.startswith(link):
                    continue
                right = rest[len(link) :]
                if len(right) < MIN_HEAD:
                    continue
                if self.is_known(right):
                    parts: tuple[str, ...] = (left, right)
                elif depth < 2:
                    tail = self._split(right, depth=depth + 1)
                    if not tail:
                        continue
                    parts = (left, *tail)
                else:
                    continue
                # Fewer, longer parts are the likelier reading.
                key = (-len(parts), len(left))
                if not best or key > best_key:
                    best, best_key = parts, key
            if best and len(best) == 2:
                break
        return best


def known_words(texts: Iterable[str]) -> set[str]:
    """Folded surface words of some texts (the splitter's vocabulary). Text by text: all
    tokens of 50,000 passages at once were a 40 MB peak of short-lived strings."""
    raw: set[str] = set()
    for text in texts:
        raw.update(_TOKEN.findall(text))
    return {fold(_clean(word)) for word in raw}
