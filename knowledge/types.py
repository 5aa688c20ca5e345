"""What the retrieval engine returns. Imports nothing from bot/ or adapters/."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True, kw_only=True)
class Hit:
    passage: Passage
    score: float


@dataclass(frozen=True, kw_only=True)
class SearchResult:
    question: str
    language: Language
    municipality: str | None  # taken from the question, else the default, else None (all)
    answered: bool  # False: the texts do not answer; hits are then near misses at best
    confidence: float  # calibrated, 0..1
    hits: list[Hit] = field(default_factory=list)  # hits[0] is the quoted passage
