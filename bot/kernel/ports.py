"""What surfaces may keep in the database, as the kernel promises it to them; the store
implements it (`bot.store.records`). Surfaces type against these, never the tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final, Protocol

from bot.store import jobs

# The kind prefix of a job its request runs inline (no worker claims it; see there).
INLINE_PREFIX: Final = jobs.INLINE_PREFIX


class StoredDocument(Protocol):
    @property
    def filename(self) -> str: ...

    @property
    def media_type(self) -> str: ...

    @property
    def content(self) -> bytes: ...


class QueuedJob(Protocol):
    """Acknowledged work a worker has leased (see `Records.claim_jobs`)."""

    @property
    def id(self) -> int: ...

    @property
    def key(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def payload(self) -> dict[str, Any]: ...

    @property
    def attempts(self) -> int: ...


class Records(Protocol):
    async def enqueue_job(
        self,
        *,
        key: str,
        kind: str,
        payload: dict[str, Any],
        lease: dt.timedelta | None = None,
    ) -> int | None:
        """Commit work owed for `key` (the platform's id for its cause) before the
        platform is acknowledged: its id, or None if `key` was already taken (a retry).
        With `lease`, the job is the caller's to run at once."""

    async def enqueue_jobs(
        self, jobs: Sequence[tuple[str, str, dict[str, Any]]], *, lease: dt.timedelta | None
    ) -> list[int | None]:
        """`enqueue_job` for (key, kind, payload) triples, in one transaction."""

    async def release_jobs(self, job_ids: list[int]) -> None:
        """Give leased, unstarted jobs back to every process."""

    async def forget_job_keys(self) -> int:
        """Drop job keys past the hour a platform retries in."""

    async def claim_jobs(
        self, *, lease: dt.timedelta, limit: int, kinds: Sequence[str] | None = None
    ) -> Sequence[QueuedJob]:
        """Lease free jobs (of `kinds`, when given), oldest first; a lease that runs out
        frees the job again."""

    async def take_over_job(self, key: str, *, lease: dt.timedelta) -> int | None:
        """Lease the job of `key` if its holder's lease ran out; its id, or None (done,
        or held)."""

    async def finish_job(self, job_id: int) -> None: ...

    async def finish_jobs(self, job_ids: Sequence[int]) -> None:
        """Done: delete them, in one transaction."""

    async def retry_job(self, job_id: int, *, delay: dt.timedelta) -> None: ...

    async def count_jobs(self) -> int: ...

    async def keep_document(
        self, *, filename: str, media_type: str, content: bytes, expires: dt.datetime
    ) -> str:
        """Keep a document until `expires`; its new random id."""

    async def fetch_document(self, document_id: str) -> StoredDocument | None:
        """The document if it has not expired."""

    def user_key(self, user: str) -> str: ...

    def conversation_key(self, conversation: str) -> str: ...

    async def save_reference(self, *, platform: str, key: str, reference: dict[str, Any]) -> None:
        """Keep (or replace) where the bot can write to a user or conversation later."""

    async def load_reference(self, *, platform: str, key: str) -> dict[str, Any] | None: ...

    async def ping(self) -> None:
        """Raises unless the database answers in time."""

    async def schema_problem(self) -> str | None:
        """None when the schema is at the migrations' head, else what is wrong."""
