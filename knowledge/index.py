"""The policy index: load the texts, split them into passages, search them.

Sparse scoring over an inverted index: each term's postings hold, per passage, a BM25
saturated term frequency and a presence credit (1 in the passage's own words, less in
a compound part, a heading or a list's lead-in). A question's concepts are scored with
numpy over the postings, never with a loop over passages, and the answer is trusted by
coverage: the share of the question's concept weight the passage carries.
"""

from __future__ import annotations

import itertools
import math
import re
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from knowledge.analysis import SV_STOPWORDS, Analyzer, CompoundSplitter, fold, known_words, tokens
from knowledge.documents import PolicyText, load_texts
from knowledge.glossary import Glossary, load_glossary
from knowledge.language import detect_language
from knowledge.municipalities import MunicipalityMatcher
from knowledge.passages import SECTION_SEPARATOR, Chunk, split_passages
from knowledge.query import Concept, Query, QueryBuilder
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
MIN_COVERAGE = 0.5  # below this share of the question's weight the texts do not answer
CONFIDENCE_BELOW = 0.3  # the most an abstention's near miss may claim
CONFIDENCE_AT = 0.85  # at the threshold
CONFIDENCE_TOP = 0.97
RERANK_POOL = 20  # candidates re-ranked by word order
PROXIMITY_BONUS = 0.3
# What a count question's answer must contain: a number, or talk of a number.
_NUMBER = re.compile(r"\d|\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv|hundra|tusen|antal)\b")


@dataclass(frozen=True)
class _Postings:
    ids: IntArray
    tf: FloatArray  # BM25-saturated
    presence: FloatArray


class PolicyIndex:
    """Passages of every policy, searchable by question."""

    def __init__(self, texts: list[PolicyText], glossary: Glossary, analyzer: Analyzer) -> None:
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
        self._municipality_of = np.array(
            [self._municipality_ids[p.municipality] for p in self.passages], dtype=np.int32
        )
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
        self._queries = QueryBuilder(
            analyzer=analyzer,
            splitter=self._splitter,
            glossary=glossary,
            idf=self._idf.get,
            surface=self._surface,
            stems=list(self._idf),
            oov_weight=OOV_FACTOR * max(self._idf.values(), default=1.0),
            english_oov_weight=ENGLISH_OOV_FACTOR * max(self._idf.values(), default=1.0),
        )

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

    def _in_title(self, concept: Concept) -> npt.NDArray[np.bool_] | None:
        """Passages whose document title carries the concept, or None."""
        docs = {
            d
            for terms, credit in concept.alternatives
            if credit >= 0.8 and len(terms) == 1
            for d in self._title_docs.get(terms[0], ())
        }
        return np.isin(self._document_of, list(docs)) if docs else None

    def _score(self, concepts: list[Concept]) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Relevance, coverage (both concept-weighted sums) and the question's total
        weight, per passage."""
        n = self._size
        score = np.zeros(n, dtype=np.float32)
        cover = np.zeros(n, dtype=np.float32)
        total = np.zeros(n, dtype=np.float32)
        for concept in concepts:
            if not concept.known:
                total += concept.weight
                continue
            c_score = np.zeros(n, dtype=np.float32)
            c_cover = np.zeros(n, dtype=np.float32)
            for terms, credit in concept.alternatives:
                if len(terms) == 1:
                    post = self._postings.get(terms[0])
                    if post is None:
                        continue
                    ids = post.ids
                    c_score[ids] = np.maximum(c_score[ids], credit * post.tf)
                    c_cover[ids] = np.maximum(c_cover[ids], credit * post.presence)
                    continue
                # A phrase or a compound's parts: the share of its terms present.
                a_score = np.zeros(n, dtype=np.float32)
                a_cover = np.zeros(n, dtype=np.float32)
                for term in terms:
                    post = self._postings.get(term)
                    if post is not None:
                        a_score[post.ids] += post.tf / len(terms)
                        a_cover[post.ids] += post.presence / len(terms)
                np.maximum(c_score, credit * a_score, out=c_score)
                np.maximum(c_cover, credit * a_cover, out=c_cover)
            in_title = self._in_title(concept)
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
        self, rank: FloatArray, limit: int, query: Query, pairs: set[tuple[str, str]]
    ) -> IntArray:
        """The `limit` best passages, the leading candidates re-ranked by word order."""
        k = min(limit, self._size)
        pool = min(self._size, max(k, RERANK_POOL))
        top = np.argpartition(-rank, pool - 1)[:pool]
        if len(query.concepts) > 1:
            rank = rank.copy()
            for i in top:
                rank[i] += PROXIMITY_BONUS * self._adjacent(pairs, int(i))
        order = top[np.argsort(-rank[top], kind="stable")][:k]
        return order.astype(np.int32)

    def analyse(self, question: str) -> Query:
        """The question's concepts (exposed for tests and tuning)."""
        mention = self._matcher.find(question)
        return self._queries.build(
            tokens(question), skip=mention.positions, language=detect_language(question)
        )

    def search(
        self, question: str, *, municipality: str | None = None, limit: int = 3
    ) -> SearchResult:
        language = detect_language(question)
        mention = self._matcher.find(question)
        named = list(mention.municipalities)
        if not named and municipality in self._municipality_ids and mention.unknown is None:
            named = [municipality]
        scope = named[0] if named else mention.unknown

        def nothing() -> SearchResult:
            return SearchResult(
                question=question,
                language=language,
                municipality=scope,
                answered=False,
                confidence=0.0,
            )

        if mention.unknown is not None or self._size == 0:
            return nothing()
        query = self._queries.build(tokens(question), skip=mention.positions, language=language)
        if not query.concepts:
            return nothing()
        score, cover, total = self._score(query.concepts)
        total = np.maximum(total, 1e-6)
        rank = (score + cover) / total
        if named:
            allowed = np.isin(self._municipality_of, [self._municipality_ids[m] for m in named])
            rank = np.where(allowed, rank, -1.0)
        top = self._best(rank, limit, query, self._pairs(question, mention.positions))
        hits = [Hit(passage=self.passages[i], score=float(rank[i])) for i in top if rank[i] > 0]
        if not hits:
            return nothing()
        coverage = float(cover[top[0]] / total[top[0]])
        confidence = _confidence(coverage)
        answered = coverage >= MIN_COVERAGE
        if query.asks_count and not _NUMBER.search(hits[0].passage.text.lower()):
            answered, confidence = False, min(confidence, 0.2)
        return SearchResult(
            question=question,
            language=language,
            municipality=scope,
            answered=answered,
            confidence=confidence,
            hits=hits,
        )


def _fields(chunk: Chunk) -> list[tuple[list[str], tuple[float, float]]]:
    """A passage's fields as tokens with their weights; the body first."""
    body = chunk.text[len(chunk.lead_in) :] if chunk.lead_in else chunk.text
    out = [(tokens(body), BODY)]
    if chunk.lead_in:
        out.append((tokens(chunk.lead_in), LEAD_IN))
    if chunk.headings:
        out.append((tokens(" ".join(chunk.headings)), HEADING))
    return out


def _confidence(coverage: float) -> float:
    """Coverage mapped to the chance the quoted passage answers the question, as measured
    on 166 dev and held-out questions: below the threshold about 1 in 15 top passages is
    right, above it about 19 in 20; within each side, more coverage, more confidence."""
    if coverage < MIN_COVERAGE:
        return CONFIDENCE_BELOW * coverage / MIN_COVERAGE
    share = (coverage - MIN_COVERAGE) / (1 - MIN_COVERAGE)
    return CONFIDENCE_AT + (CONFIDENCE_TOP - CONFIDENCE_AT) * min(share, 1.0)


def load_index(texts_dir: Path | None = None) -> PolicyIndex:
    """Build the index from `texts_dir` (default: the bundled texts), read afresh."""
    analyzer = Analyzer()
    return PolicyIndex(load_texts(texts_dir), load_glossary(analyzer), analyzer)
