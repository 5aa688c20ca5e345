"""Turn a question into weighted concepts: what the passage must talk about.

A concept is one thing the question asks about (a word, a glossary phrase, an English
term) with its alternatives in the index's term space, each with a credit: the word's
own stem (1.0), a glossary synonym or translation, its compound parts, a derived form
sharing the stem's prefix, a near spelling. A concept none of whose alternatives occurs
in the texts is out of vocabulary: it still weighs in, so that a question about things
the texts never mention scores low coverage and the engine abstains.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge.analysis import (
    EN_STOPWORDS,
    SV_STOPWORDS,
    Analyzer,
    CompoundSplitter,
    fold,
)
from knowledge.glossary import Glossary, Terms
from knowledge.language import Language
from knowledge.lexicon import Lexicon
from knowledge.near_words import NearWords

PARTS_CREDIT = 0.9  # the compound is not in the texts, its parts are
PARTS_OF_KNOWN_CREDIT = 0.7  # the compound is in the texts; its parts say a little less
HEAD_CREDIT = 0.6  # of a compound's credit, for its last part alone
PREFIX_CREDIT = 0.4  # derived forms (`ansök` ~ `ansökning`): a string relation, below Synlex
FUZZY_CREDIT = 0.85
FUZZY_MIN_RATIO = 85
FUZZY_MIN_LENGTH = 6  # shorter words have too many near neighbours (skatt ~ sätt)
PREFIX_MAX_EXTRA = 4
PREFIX_MIN_LENGTH = 4
DERIVED_EXPANSION = 0.9  # a glossary word's derived form (`marknadsföring`)

# "Vilket diarienummer ...", "Which insurance ...": the word after the question word
# names what the answer must be about; a passage without it hardly answers.
_FOCUS_WORDS = frozenset("vilken vilket vilka which what".split())  # noqa: SIM905
FOCUS_REACH = 2
FOCUS_BOOST = 1.5
# A concept from the words that set the scene of a message (`focus.py`) weighs this
# share of its weight, in the ranking and in the coverage alike.
CONTEXT_WEIGHT = 0.6

# Particles of Swedish particle verbs, found up to PARTICLE_REACH words after the verb.
_PARTICLES = frozenset("upp fram ut in over av bort till med pa om fran".split())  # noqa: SIM905
PARTICLE_REACH = 4


@dataclass
class Concept:
    label: str
    alternatives: list[tuple[Terms, float]] = field(default_factory=list)
    weight: float = 0.0
    position: int = -1  # of the question's word it starts at

    @property
    def known(self) -> bool:
        return bool(self.alternatives)


@dataclass
class Query:
    concepts: list[Concept]


class QueryBuilder:
    """Everything needed to read a question against one index's vocabulary."""

    def __init__(
        self,
        *,
        analyzer: Analyzer,
        splitter: CompoundSplitter,
        glossary: Glossary,
        lexicon: Lexicon,
        idf: Callable[[str], float | None],
        surface: dict[str, str],
        stems: list[str],
        oov_weight: float,
        english_oov_weight: float,
    ) -> None:
        self._analyzer = analyzer
        self._splitter = splitter
        self._glossary = glossary
        self._lexicon = lexicon
        self._idf = idf
        # Folded words -> stem, for fuzzy matching: the texts' words and the glossary's,
        # so a typo of a word only the glossary knows (`upgift`) finds its expansions.
        self._surface = dict(surface)
        for word in glossary.words:
            if word.isalpha() and len(word) >= FUZZY_MIN_LENGTH:
                self._surface.setdefault(word, analyzer.stem(word))
        self._near = NearWords(self._surface)
        self._stems = sorted(stems)  # every indexed term, for prefix look-ups
        self._oov_weight = oov_weight
        # An English content word outside the glossary is likely off the policies' topic.
        self._english_oov_weight = english_oov_weight

    # -- alternatives -------------------------------------------------------------

    def _exists(self, terms: Terms) -> bool:
        return all(self._idf(t) is not None for t in terms)

    def _weight(self, alternatives: list[tuple[Terms, float]]) -> float:
        """How informative the concept is: the rarity of its best-credited reading(s),
        not of its rarest synonym."""
        top = max(credit for _, credit in alternatives)
        rarities = []
        for terms, credit in alternatives:
            if credit < top:
                continue
            idfs = [i for i in (self._idf(t) for t in terms) if i is not None]
            if idfs:
                rarities.append(credit * sum(idfs) / len(terms))
        return sum(rarities) / len(rarities) if rarities else 0.0

    def _expand(self, key: Terms, credit: float) -> list[tuple[Terms, float]]:
        """The key itself and its glossary expansions, with the expansions' derived
        forms (`marknadsföra` finds `marknadsföring`)."""
        out = [(key, credit)]
        for terms, c in self._glossary.lookup_swedish(key):
            out.append((terms, credit * c))
            if len(terms) == 1:
                out += [(t, credit * c * DERIVED_EXPANSION) for t, _ in self._extensions(terms[0])]
        return out

    def _extensions(self, stem: str) -> list[tuple[Terms, float]]:
        """Stems in the texts that extend this one by a short suffix."""
        if len(stem) < PREFIX_MIN_LENGTH:
            return []
        out: list[tuple[Terms, float]] = []
        start = bisect.bisect_left(self._stems, stem)
        for other in self._stems[start : start + 12]:
            if not other.startswith(stem):
                break
            if other != stem and len(other) - len(stem) <= PREFIX_MAX_EXTRA:
                out.append(((other,), PREFIX_CREDIT))
        return out

    def _derived(self, stem: str) -> list[tuple[Terms, float]]:
        """Stems in the texts that extend this one by a short suffix, or that it extends."""
        if len(stem) < PREFIX_MIN_LENGTH:
            return []
        out = self._extensions(stem)
        # Shorter stems it extends, or siblings sharing all but its last letter or two
        # (`turist` ~ `turism`).
        for cut in range(len(stem) - 1, max(PREFIX_MIN_LENGTH + 1, len(stem) - 2) - 1, -1):
            shorter = stem[:cut]
            if self._idf(shorter) is not None:
                out.append(((shorter,), PREFIX_CREDIT))
            start = bisect.bisect_left(self._stems, shorter)
            for other in self._stems[start : start + 8]:
                if not other.startswith(shorter):
                    break
                if other != stem and abs(len(other) - len(stem)) <= 1:
                    out.append(((other,), PREFIX_CREDIT * 0.85))
        return out

    def _fuzzy(self, folded: str) -> list[tuple[Terms, float]]:
        """The nearest spellings among the known words (typos: `internationela`)."""
        if len(folded) < FUZZY_MIN_LENGTH:
            return []
        matches = self._near.extract(folded, limit=2, cutoff=FUZZY_MIN_RATIO)
        return [((self._surface[word],), FUZZY_CREDIT * ratio / 100) for word, ratio in matches]

    def _fuzzy_expanded(self, folded: str) -> list[tuple[Terms, float]]:
        """Near spellings that are in the texts, and the glossary's words for them."""
        found = self._fuzzy(folded)
        out = [a for a in found if self._exists(a[0])]
        for terms, credit in found:
            out += [
                (t, credit * c) for t, c in self._glossary.lookup_swedish(terms) if self._exists(t)
            ]
        return out

    def _swedish_word(self, folded: str) -> list[tuple[Terms, float]]:
        """Every reading of one Swedish word that the texts may use."""
        stem = self._analyzer.stem(folded)
        alternatives = [a for a in self._expand((stem,), 1.0) if self._exists(a[0])]
        whole_known = self._idf(stem) is not None
        parts = self._splitter.split(folded)
        if parts:
            stems = tuple(self._analyzer.stem(p) for p in parts)
            credit = PARTS_OF_KNOWN_CREDIT if whole_known else PARTS_CREDIT
            if self._exists(stems):
                alternatives.append((stems, credit))
            # The head (last part) carries the meaning of a Swedish compound.
            alternatives += [
                a for a in self._expand((stems[-1],), credit * HEAD_CREDIT) if self._exists(a[0])
            ]
        alternatives += self._derived(stem)
        # General synonyms (Synlex) that the texts use, below the word's own credit.
        alternatives += [a for a in self._lexicon.swedish(stem) if self._exists(a[0])]
        if not alternatives and not folded.isdigit():
            alternatives += self._fuzzy_expanded(folded)
        return alternatives

    # -- the question ---------------------------------------------------------------

    def build(
        self,
        words: list[str],
        *,
        skip: frozenset[int],
        language: Language,
        context: frozenset[int] = frozenset(),
    ) -> Query:
        """Concepts of the question's words (lower-cased tokens); `skip`: name positions;
        `context`: positions of the words that set the scene rather than ask."""
        folded = [fold(w) for w in words]
        concepts, skip = self._particle_verbs(folded, skip)
        focus_after = {i for i, f in enumerate(folded) if f in _FOCUS_WORDS}
        focus: Concept | None = None
        i = 0
        while i < len(words):
            if i in skip:
                i += 1
                continue
            consumed, concept = self._phrase(words, folded, i, skip, language)
            if concept is not None:
                concept.position = i
                concepts.append(concept)
                if focus is None and any(i - FOCUS_REACH <= j < i for j in focus_after):
                    focus = concept
            i += consumed
        unknown = self._english_oov_weight if language == "en" else self._oov_weight
        # When the question itself names nothing the texts know ("Hur går vi
        # tillväga?"), the context says what it is about: it keeps its weight.
        if not any(c.known and c.position not in context for c in concepts):
            context = frozenset()
        for concept in concepts:
            concept.alternatives = _dedupe(concept.alternatives)
            concept.weight = self._weight(concept.alternatives) if concept.known else unknown
            if concept is focus:
                concept.weight *= FOCUS_BOOST
            if concept.position in context:
                concept.weight *= CONTEXT_WEIGHT
        return Query(concepts=concepts)

    def _particle_verbs(
        self, folded: list[str], skip: frozenset[int]
    ) -> tuple[list[Concept], frozenset[int]]:
        """Swedish particle verbs split by other words (`följs det arbetet upp`) that
        the glossary knows as a phrase (`följa upp`)."""
        concepts: list[Concept] = []
        used = set(skip)
        for i, word in enumerate(folded):
            if i in used:
                continue
            for j in range(i + 2, min(i + 1 + PARTICLE_REACH, len(folded))):
                if folded[j] not in _PARTICLES or j in used:
                    continue
                key = (self._analyzer.stem(word), self._analyzer.stem(folded[j]))
                if self._glossary.lookup_swedish(key):
                    alts = [a for a in self._expand(key, 1.0) if self._exists(a[0])]
                    concepts.append(Concept(f"{word} … {folded[j]}", alts, position=i))
                    used.update((i, j))
                    break
        return concepts, frozenset(used)

    def _phrase(
        self,
        words: list[str],
        folded: list[str],
        i: int,
        skip: frozenset[int],
        language: Language,
    ) -> tuple[int, Concept | None]:
        longest = min(self._glossary.max_phrase, len(words) - i)
        for size in range(longest, 0, -1):
            span = range(i, i + size)
            if any(j in skip for j in span):
                continue
            if language == "en":
                got = self._glossary.lookup_english(tuple(words[i : i + size]))
                if got is not None:
                    alts = [
                        a
                        for terms, credit in got
                        for a in self._expand(terms, credit)
                        if self._exists(a[0])
                    ]
                    return size, Concept(" ".join(words[i : i + size]), alts)
            if size > 1:
                key = tuple(self._analyzer.stem(f) for f in folded[i : i + size])
                expansions = self._glossary.lookup_swedish(key)
                if expansions:
                    alts = [a for a in self._expand(key, 1.0) if self._exists(a[0])]
                    return size, Concept(" ".join(words[i : i + size]), alts)
        word, f = words[i], folded[i]
        if f in SV_STOPWORDS or (language == "en" and word in EN_STOPWORDS) or len(f) < 2:
            return 1, None
        if language == "en":
            stem = self._analyzer.stem(f)
            # Shared words (EU, program, forum) and Swedish terms quoted in English.
            alts = self._expand((stem,), 1.0) if self._idf(stem) is not None else []
            # A general dictionary's translations, with the glossary's words for them.
            for terms, credit in self._lexicon.translate(word):
                alts += self._expand(terms, credit)
            alts = [a for a in alts if self._exists(a[0])]
            if not alts:
                # Translations through German only for words nothing else could read:
                # beside eng-swe's they cost abstention on out-of-scope questions.
                for terms, credit in self._lexicon.translate_further(word):
                    alts += [a for a in self._expand(terms, credit) if self._exists(a[0])]
            return 1, Concept(word, alts)
        return 1, Concept(word, self._swedish_word(f))


def _dedupe(alternatives: list[tuple[Terms, float]]) -> list[tuple[Terms, float]]:
    """One entry per term sequence, with its best credit, best first."""
    best: dict[Terms, float] = {}
    for terms, credit in alternatives:
        best[terms] = max(credit, best.get(terms, 0.0))
    return sorted(best.items(), key=lambda kv: -kv[1])
