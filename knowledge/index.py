"""The policy index: load the texts, search them. Being built (issue 2)."""

from __future__ import annotations

from pathlib import Path

from knowledge.types import Document, SearchResult


class PolicyIndex:
    documents: list[Document]

    def search(
        self, question: str, *, municipality: str | None = None, limit: int = 3
    ) -> SearchResult:
        raise NotImplementedError


def load_index(texts_dir: Path | None = None) -> PolicyIndex:
    raise NotImplementedError
