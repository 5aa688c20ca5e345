"""What the coordinator taught, applied to a question: a question worded like one they
linked gets that passage; a taught synonym adds its meaning to the question's words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from bot.kernel.grammar import fold
from bot.store.teaching import Link, Synonym
from knowledge.types import Passage

SAME_QUESTION = 90  # token-sort ratio at which two wordings are the same question


def linked_passage(question: str, links: Sequence[Link]) -> str | None:
    """The passage a link says answers `question` (the latest lesson of the closest
    wording), or None."""
    folded = fold(question)
    best: tuple[float, int] = (0.0, -1)
    for n, link in enumerate(links):
        score = fuzz.token_sort_ratio(folded, fold(link.question))
        if score >= SAME_QUESTION and (score, n) >= best:
            best = (score, n)
    return links[best[1]].passage_id if best[1] >= 0 else None


def expand(question: str, synonyms: Sequence[Synonym], *, municipality: str | None) -> str:
    """`question` with the meaning of each taught term it uses added. A synonym for one
    municipality applies when the question names it or it is the network's own."""
    folded = f" {fold(question)} "
    added = [
        synonym.means
        for synonym in synonyms
        if f" {fold(synonym.term)} " in folded and _applies(synonym, folded, municipality)
    ]
    return " ".join([question, *added]) if added else question


def _applies(synonym: Synonym, folded_question: str, municipality: str | None) -> bool:
    if synonym.municipality is None:
        return True
    place = fold(synonym.municipality)
    named = re.search(rf"\b{re.escape(place)}s?\b", folded_question) is not None
    return named or (municipality is not None and fold(municipality) == place)


def short_ref(passage: Passage) -> str:
    """`motala#12`: the municipality and the passage's number, to type in a command."""
    return f"{fold(passage.municipality).replace(' ', '-')}#{passage.passage_id.rsplit('#', 1)[-1]}"


def find_passage(passages: Sequence[Passage], ref: str) -> Passage | None:
    """The passage with id or short reference `ref`."""
    wanted = ref.strip().lower()
    return next(
        (p for p in passages if p.passage_id.lower() == wanted or short_ref(p) == wanted), None
    )
