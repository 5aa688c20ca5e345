"""Signed, expiring download links for documents the bot hands out in Teams.

A Teams card cannot carry a file, so a report is kept in the database for a short while
(the kernel's `Records`) and the card links to `GET /teams/files/{token}`. The token names
the stored document and its expiry, signed with HMAC-SHA256 under `INTBOT_LINK_SECRET`; a
token that does not verify, or has expired, is refused (403) before the store is even
looked at. Kept in the database, a link works after a restart and from any of several
server processes.

The document is kept rather than regenerated on download: regenerating would mean
re-running the report command outside a turn (with its permission checks, and on data
that may have changed since the user asked), which is core business the adapter must
not redo.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from bot.kernel.ports import Records, StoredDocument

LINK_TTL = dt.timedelta(hours=1)
# A year of 100,000 entries is 7 MB as XLSX and 22 MB as CSV; far beyond that is refused.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, kw_only=True)
class LinkSigner:
    """`sign(document_id, expires)` -> token; `verify(token, now)` -> document id or None."""

    secret: bytes

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self.secret, b"intbot-teams-file\x00" + payload, hashlib.sha256).digest()

    def sign(self, *, document_id: str, expires: dt.datetime) -> str:
        payload = f"{document_id}.{int(expires.timestamp())}".encode("ascii")
        return f"{_b64(payload)}.{_b64(self._mac(payload))}"

    def verify(self, token: str, *, now: dt.datetime) -> str | None:
        encoded, sep, signature = token.partition(".")
        if not sep:
            return None
        try:
            payload = _unb64(encoded)
            mac = _unb64(signature)
        except (binascii.Error, ValueError):
            return None
        if not hmac.compare_digest(mac, self._mac(payload)):
            return None
        document_id, _, expires = payload.decode("ascii", "replace").rpartition(".")
        if not document_id or not expires.isdigit():
            return None
        if now.timestamp() >= int(expires):
            return None
        return document_id


@dataclass(frozen=True, kw_only=True)
class DownloadLinks:
    """Publishes documents under signed links below `base_url`."""

    signer: LinkSigner
    records: Records
    base_url: str
    clock: Callable[[], dt.datetime]
    ttl: dt.timedelta = LINK_TTL
    max_bytes: int = MAX_DOCUMENT_BYTES

    async def publish(self, *, filename: str, media_type: str, content: bytes) -> str | None:
        """The download URL for the document, or None when it is too large to keep."""
        if len(content) > self.max_bytes:
            return None
        now = self.clock()
        expires = now + self.ttl
        document_id = await self.records.keep_document(
            filename=filename, media_type=media_type, content=content, expires=expires
        )
        token = self.signer.sign(document_id=document_id, expires=expires)
        return f"{self.base_url.rstrip('/')}/teams/files/{token}"

    async def resolve(self, token: str) -> StoredDocument | None:
        """The document a valid, unexpired token names, else None."""
        now = self.clock()
        document_id = self.signer.verify(token, now=now)
        if document_id is None:
            return None
        return await self.records.fetch_document(document_id)

    def valid(self, token: str) -> bool:
        return self.signer.verify(token, now=self.clock()) is not None
