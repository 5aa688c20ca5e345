"""Signed, expiring download links for documents the bot hands out in Teams.

A Teams card cannot carry a file, so a report is kept here for a short while and the
card links to `GET /teams/files/{token}`. The token names the stored document and its
expiry, signed with HMAC-SHA256 under `INTBOT_LINK_SECRET`; a token that does not verify,
or has expired, is refused (403) before the store is even looked at.

The documents live in a bounded in-memory store rather than being regenerated on
download: regenerating would mean re-running the report command outside a turn (with
its permission checks, and on data that may have changed since the user asked), which
is core business the adapter must not redo. The cost is that links die with the
process and are not shared between several server processes; they expire within the
hour anyway, and the user can ask again.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

LINK_TTL = dt.timedelta(hours=1)
MAX_DOCUMENTS = 64
MAX_TOTAL_BYTES = 64 * 1024 * 1024


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
class StoredDocument:
    filename: str
    media_type: str
    content: bytes
    expires: dt.datetime


class DocumentStore:
    """Documents by id, bounded by count and total size; the oldest go first."""

    def __init__(
        self, *, max_documents: int = MAX_DOCUMENTS, max_total_bytes: int = MAX_TOTAL_BYTES
    ) -> None:
        self._documents: OrderedDict[str, StoredDocument] = OrderedDict()
        self._max_documents = max_documents
        self._max_total_bytes = max_total_bytes
        self._total = 0

    def put(self, document: StoredDocument, *, now: dt.datetime) -> str | None:
        """Keep `document`; its id, or None when it alone exceeds the size bound."""
        if len(document.content) > self._max_total_bytes:
            return None
        self._drop_expired(now)
        while self._documents and (
            len(self._documents) >= self._max_documents
            or self._total + len(document.content) > self._max_total_bytes
        ):
            self._pop_oldest()
        document_id = secrets.token_urlsafe(18)
        self._documents[document_id] = document
        self._total += len(document.content)
        return document_id

    def get(self, document_id: str, *, now: dt.datetime) -> StoredDocument | None:
        self._drop_expired(now)
        return self._documents.get(document_id)

    def __len__(self) -> int:
        return len(self._documents)

    def _pop_oldest(self) -> None:
        _, oldest = self._documents.popitem(last=False)
        self._total -= len(oldest.content)

    def _drop_expired(self, now: dt.datetime) -> None:
        # Insertion order is expiry order (one TTL for all), so expired ones are in front.
        while self._documents and next(iter(self._documents.values())).expires <= now:
            self._pop_oldest()


@dataclass(frozen=True, kw_only=True)
class DownloadLinks:
    """Publishes documents under signed links below `base_url`."""

    signer: LinkSigner
    store: DocumentStore
    base_url: str
    clock: Callable[[], dt.datetime]
    ttl: dt.timedelta = LINK_TTL

    def publish(self, *, filename: str, media_type: str, content: bytes) -> str | None:
        """The download URL for the document, or None when it cannot be kept."""
        now = self.clock()
        expires = now + self.ttl
        document = StoredDocument(
            filename=filename, media_type=media_type, content=content, expires=expires
        )
        document_id = self.store.put(document, now=now)
        if document_id is None:
            return None
        token = self.signer.sign(document_id=document_id, expires=expires)
        return f"{self.base_url.rstrip('/')}/teams/files/{token}"

    def resolve(self, token: str) -> StoredDocument | None:
        """The document a valid, unexpired token names, else None."""
        now = self.clock()
        document_id = self.signer.verify(token, now=now)
        if document_id is None:
            return None
        return self.store.get(document_id, now=now)

    def valid(self, token: str) -> bool:
        return self.signer.verify(token, now=self.clock()) is not None
