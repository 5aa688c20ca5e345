"""What surfaces may keep in the database, as the kernel promises it to them; the store
implements it (`bot.store.records`). Surfaces type against these, never the tables."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol


class StoredDocument(Protocol):
    @property
    def filename(self) -> str: ...

    @property
    def media_type(self) -> str: ...

    @property
    def content(self) -> bytes: ...


class Records(Protocol):
    async def first_time(self, *, platform: str, event_id: str, ttl: dt.timedelta) -> bool:
        """True once per (platform, event id) within `ttl`, across server processes."""

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
