"""What the retrieval engine returns. Imports nothing from bot/ or adapters/."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from knowledge.language import Language


@dataclass(frozen=True, kw_only=True)
class Document:
    """One policy text with its front matter."""

    doc_id: str  # file stem, e.g. "falun-policy-och-riktlinjer"
    municipality: str  # "Falun"
    title: str
    adopted_by: str | None = None
    adopted: str | None = None  # ISO date, as the text states it
    reference: str | None = None  # diarienummer
    # Strategic areas or goals named by the policy: (key, label), for the contact log and
    # the report's policy coverage.
    strategic_areas: tuple[tuple[str, str], ...] = ()
    # Other forms of the municipality's name a question may use ("Falu" for Falun).
    aliases: tuple[str, ...] = ()
    # Who the network's yearly report goes to and comes from, as the policy says.
    report_to: str | None = None
    reported_by: str | None = None
    # The front matter's `report:` block as written (layout options the report reads);
    # left out of comparison and hashing, so a Document stays a hashable value.
    report_options: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, kw_only=True)
class Passage:
    """A quotable unit of a policy, with the section path it sits under."""

    passage_id: str
    document: Document
    # heading path joined with " › ", e.g. "Organisation och ansvar › Internationell samordnare"
    section: str
    text: str

    @property
    def municipality(self) -> str:
        return self.document.municipality

    def label(self, width: int = 60) -> str:
        """A short name for a button or a numbered choice: the last heading and the
        passage's opening words (passages of one section share their heading), each
        given at least half of `width` when both need it."""
        heading = self.section.rsplit(" › ", 1)[-1]
        lead_in, _, items = self.text.partition("\n")
        # A list item quoted with its lead-in: the item tells it from its siblings.
        body = items if lead_in.rstrip().endswith(":") and items.strip() else self.text
        words = " ".join(body.lstrip("-*+ ").split())
        room = width - 2  # ": "
        opening_room = max(room // 2, room - len(heading))
        opening = _clip(words, opening_room)
        return f"{_clip(heading, room - len(opening))}: {opening}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


@dataclass(frozen=True, kw_only=True)
class Hit:
    passage: Passage
    score: float


# What the engine makes of a question: a confident answer (quote hits[0]), an uncertain
# one (offer `suggestions` to pick from), or an honest no (the texts do not answer).
Tier = Literal["answer", "suggest", "none"]


@dataclass(frozen=True, kw_only=True)
class SearchResult:
    question: str
    language: Language
    municipality: str | None  # taken from the question, else the default, else None (all)
    answered: bool  # True only for a confident answer; hits[0] is then the quote
    confidence: float  # calibrated chance that hits[0] answers the question, 0..1
    hits: list[Hit] = field(default_factory=list)  # best first; near misses when not answered
    # Up to three passages to offer when unsure ("menar du något av detta?"), best first;
    # empty for a confident answer and for an honest no.
    suggestions: list[Hit] = field(default_factory=list)

    @property
    def tier(self) -> Tier:
        if self.answered:
            return "answer"
        return "suggest" if self.suggestions else "none"
