"""The policy index: load the texts, split them into passages, search them.

Sparse scoring over an inverted index: each term's postings hold, per passage, a BM25
saturated term frequency and a presence credit (1 in the passage's own words, less in
a compound part, a heading or a list's lead-in). A question's concepts are scored with
numpy over the postings, never with a loop over passages, and the answer is trusted by
coverage: the share of the question's concept weight the passage carries.
"""

from __future__ import annotations

import bisect
import itertools
import math
from array import array
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from knowledge.analysis import SV_STOPWORDS, Analyzer, CompoundSplitter, fold, known_words, tokens
from knowledge.answer_kinds import asked_kind, lacks_count, missing_kinds
from knowledge.calibration import Calibration, load_calibration
from knowledge.documents import PolicyText, load_texts
from knowledge.focus import context_positions
from knowledge.glossary import Glossary, Terms, load_glossary
from knowledge.language import Language, detect_language
from knowledge.lexicon import Lexicon, load_lexicon
from knowledge.municipalities import MunicipalityMatcher
from knowledge.passages import SECTION_SEPARATOR, Chunk, split_passages
from knowledge.query import Concept, Query, QueryBuilder
from knowledge.signals import Signals, log1p
from knowledge.types import Document, Hit, Passage, SearchResult

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int32]

BM25_K1 = 1.2
BM25_B = 0.5
# Where a term sits in the passage: (field, frequency weight, presence credit).
BODY = (1.0, 1.0)
LEAD_IN = (0.8, 1.0)  # the lead-in is quoted with the item
HEADING = (1.0, 1.0)
# A question's words that are in a document's title ("Motalas policy för internationell
# samverkan") name the document, not a passage: in that document they weigh this much.
TITLE_DAMPING = 0.2
COMPOUND_PART = (0.6, 0.9)  # relative to the word's own field
# A word the texts never use weighs as much as this share of the rarest term's weight;
# more in English, where the glossary should know every word of the field.
OOV_FACTOR = 0.7
ENGLISH_OOV_FACTOR = 0.9
SUGGESTIONS = 3  # passages offered when the engine is unsure
MATCHED = 0.5  # a concept counts as carried by a passage from this credit on
SHORT_WORD = 3  # out-of-vocabulary words this short are mostly function words
RERANK_POOL = 20  # candidates re-ranked by word order
PROXIMITY_BONUS = 0.3


@dataclass(frozen=True)
class _Postings:
    ids: IntArray
    tf: FloatArray  # BM25-saturated
    presence: FloatArray


class PolicyIndex:
    """Passages of every policy, searchable by question."""

    def __init__(
        self,
        texts: list[PolicyText],
        glossary: Glossary,
        analyzer: Analyzer,
        *,
        lexicon: Lexicon | None = None,
        calibration: Calibration | None = None,
    ) -> None:
        self._given_calibration = calibration
        self._by_id: dict[str, Passage] | None = None  # built on the first look-up
        self._positions: dict[str, int] | None = None  # likewise
        self.documents: list[Document] = [t.document for t in texts]
        self.passages: list[Passage] = []
        chunks: list[Chunk] = []
        for text in texts:
            for n, chunk in enumerate(split_passages(text.body, title=text.document.title)):
                chunks.append(chunk)
                self.passages.append(
                    Passage(
                        passage_id=f"{text.document.doc_id}#{n}",
                        document=text.document,
                        section=SECTION_SEPARATOR.join(chunk.section),
                        text=chunk.text,
                    )
                )
        self._analyzer = analyzer
        self._glossary = glossary
        surface = known_words([c.text for c in chunks] + [" ".join(c.headings) for c in chunks])
        self._splitter = CompoundSplitter(analyzer, surface | glossary.words)
        self._token_terms: dict[str, tuple[str, ...]] = {}
        self._build(chunks)
        self._pair_cache: dict[int, set[tuple[str, str]]] = {}  # word pairs, filled lazily
        # Each municipality's passages as contiguous runs (one per document, usually).
        self._ranges: dict[int, list[tuple[int, int]]] = {}
        for key, run in itertools.groupby(
            enumerate(self.passages), key=lambda ip: self._municipality_ids[ip[1].municipality]
        ):
            ids = [i for i, _ in run]
            self._ranges.setdefault(key, []).append((ids[0], ids[-1] + 1))
        doc_ids = {d.doc_id: i for i, d in enumerate(self.documents)}
        self._document_of = np.array(
            [doc_ids[p.document.doc_id] for p in self.passages], dtype=np.int32
        )
        self._title_docs: dict[str, list[int]] = {}
        for i, document in enumerate(self.documents):
            for term in set(analyzer.terms(document.title)):
                self._title_docs.setdefault(term, []).append(i)
        self._matcher = MunicipalityMatcher(
            [(d.municipality, d.aliases) for d in self.documents], surface
        )
        self._surface = {
            word: analyzer.stem(word)
            for word in surface
            if word not in SV_STOPWORDS and word.isalpha() and len(word) >= 4
        }
        self._max_idf = max(self._idf.values(), default=1.0)
        self._queries = QueryBuilder(
            analyzer=analyzer,
            splitter=self._splitter,
            glossary=glossary,
            lexicon=lexicon if lexicon is not None else Lexicon(),
            idf=self._idf.get,
            surface=self._surface,
            stems=list(self._idf),
            oov_weight=OOV_FACTOR * max(self._idf.values(), default=1.0),
            english_oov_weight=ENGLISH_OOV_FACTOR * max(self._idf.values(), default=1.0),
        )

    @property
    def _calibration(self) -> Calibration:
        """The fitted models, read on first use (ranking alone needs none)."""
        if self._given_calibration is None:
            self._given_calibration = load_calibration()
        return self._given_calibration

    # -- building -------------------------------------------------------------------

    def _terms(self, token: str) -> tuple[str, ...]:
        """A token's stem followed by its compound parts' stems; () for a stop word."""
        got = self._token_terms.get(token)
        if got is None:
            folded = fold(token)
            if folded in SV_STOPWORDS:
                got = ()
            else:
                parts = [p for p in self._splitter.split(folded) if p not in SV_STOPWORDS]
                got = tuple(self._analyzer.stem(w) for w in (folded, *parts))
            self._token_terms[token] = got
        return got

    def _terms_of(
        self, words: list[str], weight: tuple[float, float], into: dict[str, list[float]]
    ) -> int:
        """Add the terms of one field of a passage; returns its word count."""
        freq, presence = weight
        part_freq, part_presence = freq * COMPOUND_PART[0], presence * COMPOUND_PART[1]
        count = 0
        for token in words:
            terms = self._terms(token)
            if not terms:
                continue
            count += 1
            self._add(into, terms[0], freq, presence)
            for part in terms[1:]:
                self._add(into, part, part_freq, part_presence)
        return count

    @staticmethod
    def _add(into: dict[str, list[float]], term: str, freq: float, presence: float) -> None:
        slot = into.get(term)
        if slot is None:
            into[term] = [freq, presence]
        else:
            slot[0] += freq
            slot[1] = max(slot[1], presence)

    def _build(self, chunks: list[Chunk]) -> None:
        self._municipality_ids = {
            name: i for i, name in enumerate(dict.fromkeys(d.municipality for d in self.documents))
        }
        # Postings gathered in compact arrays (4 bytes an entry), frequencies raw until
        # every passage's length is known for BM25's length normalisation.
        ids: dict[str, array[int]] = {}
        freqs: dict[str, array[float]] = {}
        pres: dict[str, array[float]] = {}
        lengths = array("f")
        for pid, chunk in enumerate(chunks):
            terms: dict[str, list[float]] = {}
            counts = [self._terms_of(words, weight, terms) for words, weight in _fields(chunk)]
            lengths.append(max(counts[0], 1))  # the body's length normalises
            for term, (freq, presence) in terms.items():
                if term not in ids:
                    ids[term], freqs[term], pres[term] = array("i"), array("f"), array("f")
                ids[term].append(pid)
                freqs[term].append(freq)
                pres[term].append(presence)
        n = len(chunks)
        length = np.frombuffer(lengths, dtype=np.float32)
        average = max(float(length.mean()), 1.0) if n else 1.0
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        self._postings: dict[str, _Postings] = {}
        for term, term_ids in ids.items():
            at = np.frombuffer(term_ids, dtype=np.int32).copy()
            raw = np.frombuffer(freqs[term], dtype=np.float32)
            self._postings[term] = _Postings(
                at,
                (raw * (BM25_K1 + 1) / (raw + norm[at])).astype(np.float32),
                np.frombuffer(pres[term], dtype=np.float32).copy(),
            )
        self._idf = {
            term: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for term, p in ids.items()
        }
        self._size = n

    # -- searching ------------------------------------------------------------------

    def _in_title(self, concept: Concept, scope: _Scope) -> npt.NDArray[np.bool_] | None:
        """Passages of the scope whose document title carries the concept, or None."""
        docs = [
            d
            for terms, credit in concept.alternatives
            if credit >= 0.8 and len(terms) == 1
            for d in self._title_docs.get(terms[0], ())
        ]
        if not docs:
            return None
        mask = np.zeros(len(self.documents), dtype=np.bool_)
        mask[docs] = True
        return mask[scope.documents(self._document_of)]

    def _score(
        self, concepts: list[Concept], scope: _Scope
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Relevance, coverage (both concept-weighted sums) and the question's total
        weight, per passage of the scope (in the scope's order)."""
        n = scope.size
        score = np.zeros(n, dtype=np.float32)
        cover = np.zeros(n, dtype=np.float32)
        total = np.zeros(n, dtype=np.float32)
        c_score = np.empty(n, dtype=np.float32)
        c_cover = np.empty(n, dtype=np.float32)
        a_score = np.empty(n, dtype=np.float32)
        a_cover = np.empty(n, dtype=np.float32)
        for concept in concepts:
            if not concept.known:
                total += concept.weight
                continue
            c_score.fill(0.0)
            c_cover.fill(0.0)
            for terms, credit in concept.alternatives:
                if len(terms) == 1:
                    post = self._postings.get(terms[0])
                    if post is None:
                        continue
                    for ids, tf, presence in scope.take(post):
                        c_score[ids] = np.maximum(c_score[ids], credit * tf)
                        c_cover[ids] = np.maximum(c_cover[ids], credit * presence)
                    continue
                # A phrase or a compound's parts: the share of its terms present.
                a_score.fill(0.0)
                a_cover.fill(0.0)
                for term in terms:
                    post = self._postings.get(term)
                    if post is not None:
                        for ids, tf, presence in scope.take(post):
                            a_score[ids] += tf / len(terms)
                            a_cover[ids] += presence / len(terms)
                np.maximum(c_score, credit * a_score, out=c_score)
                np.maximum(c_cover, credit * a_cover, out=c_cover)
            in_title = self._in_title(concept, scope)
            if in_title is None:
                score += concept.weight * c_score
                cover += concept.weight * c_cover
                total += concept.weight
            else:
                weight = np.where(in_title, concept.weight * TITLE_DAMPING, concept.weight)
                score += weight * c_score
                cover += weight * np.where(in_title, 1.0, c_cover)
                total += weight
        return score, cover, total

    def _scope(self, named: list[str]) -> _Scope:
        """The passages a question is held to: its municipalities', else all."""
        if not named:
            return _Scope([(0, self._size)], whole=True)
        ranges = sorted(r for m in named for r in self._ranges[self._municipality_ids[m]])
        return _Scope(ranges, whole=False)

    def _stems_of(self, text: str) -> list[str]:
        return self._analyzer.terms(text)

    def _passage_stems(self, passage: int) -> set[tuple[str, str]]:
        pairs = self._pair_cache.get(passage)
        if pairs is None:
            stems = self._stems_of(self.passages[passage].text)
            pairs = set(itertools.pairwise(stems))
            self._pair_cache[passage] = pairs
        return pairs

    def _pairs(self, question: str, skip: frozenset[int]) -> set[tuple[str, str]]:
        """Neighbouring content words of the question, as stems."""
        words = [w for i, w in enumerate(tokens(question)) if i not in skip]
        stems = self._stems_of(" ".join(words))
        return set(itertools.pairwise(stems))

    def _adjacent(self, pairs: set[tuple[str, str]], passage: int) -> float:
        """Share of the question's word pairs that stand together in the passage:
        `beslutar om medlemskap i internationella nätverk` said just so."""
        if not pairs:
            return 0.0
        return len(pairs & self._passage_stems(passage)) / len(pairs)

    def _best(
        self,
        rank: FloatArray,
        scope: _Scope,
        limit: int,
        query: Query,
        pairs: set[tuple[str, str]],
    ) -> tuple[IntArray, FloatArray, FloatArray]:
        """The leading candidates (at least `limit`), re-ranked by word order, best first:
        their passage numbers, their scores and their re-ranked scores."""
        size = len(rank)
        pool = min(size, max(limit, RERANK_POOL))
        top = np.argpartition(-rank, pool - 1)[:pool].astype(np.int32)
        ids = scope.passage(top)
        reranked = rank[top].copy()
        if len(query.concepts) > 1:
            for j, i in enumerate(ids):
                reranked[j] += PROXIMITY_BONUS * self._adjacent(pairs, int(i))
        order = np.argsort(-reranked, kind="stable")
        return ids[order].astype(np.int32), rank[top][order], reranked[order]

    def passage(self, passage_id: str) -> Passage | None:
        """The passage a suggestion's button or number stands for (its `passage_id`)."""
        if self._by_id is None:
            self._by_id = {p.passage_id: p for p in self.passages}
        return self._by_id.get(passage_id)

    def coverage(self, question: str, passage_id: str) -> float:
        """The share of the question's concept weight one passage carries, as the ranking
        counts it: whether the passage has the question's words (or their readings) at
        all, wherever it ranks. For diagnosis (`python -m knowledge.calibrate --ranking`)."""
        if self._positions is None:
            self._positions = {p.passage_id: i for i, p in enumerate(self.passages)}
        at = self._positions.get(passage_id)
        if at is None:
            raise KeyError(passage_id)
        query = self.analyse(question)
        if not query.concepts:
            return 0.0
        _, cover, total = self._score(query.concepts, _Scope([(at, at + 1)], whole=False))
        return float(cover[0] / max(float(total[0]), 1e-6))

    def analyse(self, question: str) -> Query:
        """The question's concepts (exposed for tests and tuning)."""
        mention = self._matcher.find(question)
        return self._queries.build(
            tokens(question),
            skip=mention.positions,
            language=detect_language(question),
            context=context_positions(question),
        )

    def rank(self, question: str, *, municipality: str | None = None, limit: int = 3) -> Ranked:
        """The best passages for the question and the signals about the first, before
        any decision on whether to trust it."""
        language = detect_language(question)
        mention = self._matcher.find(question)
        named = list(mention.municipalities)
        if not named and municipality in self._municipality_ids and mention.unknown is None:
            named = [municipality]
        scope = named[0] if named else mention.unknown
        ranked = Ranked(question=question, language=language, municipality=scope)
        if mention.unknown is not None or self._size == 0:
            return ranked
        words = tokens(question)
        query = self._queries.build(
            words, skip=mention.positions, language=language, context=context_positions(question)
        )
        if not query.concepts:
            return ranked
        within = self._scope(named)
        score, cover, total = self._score(query.concepts, within)
        total = np.maximum(total, 1e-6)
        coverage = cover / total
        rank = (score + cover) / total
        pairs = self._pairs(question, mention.positions)
        pool, scores, reranked = self._best(rank, within, limit, query, pairs)
        hits = [
            Hit(passage=self.passages[i], score=float(r))
            for i, r in zip(pool[:limit], scores[:limit], strict=True)
            if r > 0
        ]
        if not hits:
            return ranked
        first = int(pool[0])
        second = int(pool[1]) if len(hits) > 1 else -1
        best = float(reranked[0])
        runner_up = float(reranked[1]) if second >= 0 else 0.0
        local = within.local(pool[:2])
        asked = asked_kind(words)
        oov = [c for c in query.concepts if not c.known]
        signals = Signals(
            coverage=float(coverage[local[0]]),
            coverage_second=float(coverage[local[1]]) if second >= 0 else 0.0,
            margin=(best - runner_up) / max(best, 1e-6),
            section_margin=self._section_margin(pool, reranked),
            log_score=log1p(best),
            **self._concept_signals(query.concepts, first),
            oov=float(len(oov)),
            oov_short=float(sum(len(c.label) <= SHORT_WORD for c in oov)),
            concepts=float(len(query.concepts)),
            english=float(language == "en"),
            scoped=float(bool(named)),
            kind_asked=float(asked.any),
            kind_missing=float(missing_kinds(asked, self.passages[first].text)),
            count_missing=float(lacks_count(asked, self.passages[first].text)),
            adjacency=self._adjacent(pairs, first) if len(query.concepts) > 1 else 0.0,
        )
        return Ranked(
            question=question,
            language=language,
            municipality=scope,
            hits=hits,
            signals=signals,
        )

    def _section_margin(self, pool: IntArray, scores: FloatArray) -> float:
        """Margin of the first passage over the best one from another section: passages
        of one section that score alike answer alike."""
        first = self.passages[int(pool[0])]
        best = max(float(scores[0]), 1e-6)
        for i, score in zip(pool[1:], scores[1:], strict=True):
            other = self.passages[int(i)]
            if other.section != first.section or other.document is not first.document:
                return (best - max(float(score), 0.0)) / best
        return 1.0

    def _presence_at(self, terms: Terms, passage: int) -> float:
        """Presence credit of a term sequence in one passage (share of its terms)."""
        found = 0.0
        for term in terms:
            post = self._postings.get(term)
            if post is None:
                continue
            j = int(np.searchsorted(post.ids, passage))
            if j < len(post.ids) and post.ids[j] == passage:
                found += float(post.presence[j])
        return found / len(terms)

    def _concept_signals(self, concepts: list[Concept], passage: int) -> dict[str, float]:
        """Which concepts the passage carries, by rarity, and how much of it is carried
        only by expansions (synonyms, translations, parts, near spellings)."""
        matched = missing = expanded = covered = 0.0
        for concept in concepts:
            if not concept.known:
                continue
            best = direct = 0.0
            for terms, credit in concept.alternatives:
                if credit <= best:
                    break  # alternatives come best first: no better reading is left
                present = self._presence_at(terms, passage)
                best = max(best, credit * present)
                if credit >= 1.0:
                    direct = max(direct, present)
            if best >= MATCHED:
                matched = max(matched, concept.weight)
            else:
                missing = max(missing, concept.weight)
            covered += concept.weight * best
            expanded += concept.weight * max(best - direct, 0.0)
        return {
            "matched_rarity": matched / self._max_idf,
            "missing_rarity": missing / self._max_idf,
            "expanded_share": expanded / covered if covered > 0 else 0.0,
        }

    def search(
        self, question: str, *, municipality: str | None = None, limit: int = 3
    ) -> SearchResult:
        """Rank, then decide with the calibrated models: answer, suggest or say no."""
        ranked = self.rank(question, municipality=municipality, limit=max(limit, SUGGESTIONS))
        result = SearchResult(
            question=question,
            language=ranked.language,
            municipality=ranked.municipality,
            answered=False,
            confidence=0.0,
        )
        if ranked.signals is None:
            return result
        tier, confidence = self._calibration.decide(ranked.signals)
        return replace(
            result,
            answered=tier == "answer",
            confidence=confidence,
            hits=ranked.hits[:limit],
            suggestions=ranked.hits[:SUGGESTIONS] if tier == "suggest" else [],
        )


class _Scope:
    """Contiguous runs of passages a search is held to, numbered 0.. in order."""

    def __init__(self, ranges: list[tuple[int, int]], *, whole: bool) -> None:
        self.ranges = ranges
        self.whole = whole
        self.bases = list(itertools.accumulate((hi - lo for lo, hi in ranges), initial=0))
        self.size = self.bases[-1]
        self._ids: IntArray | None = None

    @property
    def ids(self) -> IntArray:
        """Passage number of each position in the scope."""
        if self._ids is None:
            self._ids = np.concatenate(
                [np.arange(lo, hi, dtype=np.int32) for lo, hi in self.ranges]
                or [np.zeros(0, dtype=np.int32)]
            )
        return self._ids

    def passage(self, positions: IntArray) -> IntArray:
        return positions.astype(np.int32) if self.whole else self.ids[positions]

    def local(self, passages: IntArray) -> list[int]:
        if self.whole:
            return [int(p) for p in passages]
        out = []
        for p in passages:
            r = bisect.bisect_right(self.ranges, (int(p), 1 << 62)) - 1
            out.append(int(p) - self.ranges[r][0] + self.bases[r])
        return out

    def documents(self, document_of: IntArray) -> IntArray:
        return document_of if self.whole else document_of[self.ids]

    def take(self, post: _Postings) -> list[tuple[IntArray, FloatArray, FloatArray]]:
        """The posting's entries within the scope, at scope positions."""
        if self.whole:
            return [(post.ids, post.tf, post.presence)]
        out = []
        for (lo, hi), base in zip(self.ranges, self.bases, strict=False):
            j0, j1 = np.searchsorted(post.ids, (lo, hi))
            if j1 > j0:
                out.append((post.ids[j0:j1] - (lo - base), post.tf[j0:j1], post.presence[j0:j1]))
        return out


@dataclass(frozen=True, kw_only=True)
class Ranked:
    """A question's best passages and the evidence about the first (None: no hits)."""

    question: str
    language: Language
    municipality: str | None
    hits: list[Hit] = field(default_factory=list)
    signals: Signals | None = None


def _fields(chunk: Chunk) -> list[tuple[list[str], tuple[float, float]]]:
    """A passage's fields as tokens with their weights; the body first."""
    body = chunk.text[len(chunk.lead_in) :] if chunk.lead_in else chunk.text
    out = [(tokens(body), BODY)]
    if chunk.lead_in:
        out.append((tokens(chunk.lead_in), LEAD_IN))
    if chunk.headings:
        out.append((tokens(" ".join(chunk.headings)), HEADING))
    return out


def load_index(texts_dir: Path | None = None, *, lexicon: Lexicon | None = None) -> PolicyIndex:
    """Build the index from `texts_dir` (default: the bundled texts), read afresh, with
    the bundled lexicon unless another is given."""
    analyzer = Analyzer()
    return PolicyIndex(
        load_texts(texts_dir),
        load_glossary(analyzer),
        analyzer,
        lexicon=lexicon if lexicon is not None else load_lexicon(analyzer),
    )
