"""Authenticate before parsing: `POST /slack/events` checks Slack's signature and
timestamp on the raw bytes, and only then lets Bolt parse the body (Bolt parses before
its own signature check, so an unauthenticated request must never reach it); what Bolt
parsed must then have the shape its dispatch reads, or the request goes no further.

Unauthenticated: 401, one log line. Signed but not a payload Bolt can read: 400, one
log line. Neither leaves a traceback, whatever the bytes were.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

log = logging.getLogger(__name__)

MAX_AGE_SECONDS = 5 * 60  # Slack's rule: older requests may be replays
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class Refused(Exception):
    """Why a request goes no further; `status` is what the client gets."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def authenticate(
    *,
    secret: str,
    body: bytes,
    headers: Mapping[str, str],
    now: Callable[[], float] = time.time,
) -> None:
    """Raise `Refused(401)` unless `body` carries Slack's signature for `secret`, made
    within the last five minutes. Works on bytes: nothing is decoded before this."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not _TIMESTAMP.fullmatch(timestamp):
        raise Refused(401, "missing or malformed X-Slack-Request-Timestamp")
    if not _SIGNATURE.fullmatch(signature):
        raise Refused(401, "missing or malformed X-Slack-Signature")
    if abs(now() - int(timestamp)) > MAX_AGE_SECONDS:
        raise Refused(401, "request timestamp outside five minutes")
    expected = hmac.new(
        secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest("v0=" + expected, signature):
        raise Refused(401, "signature does not match")


def check_shape(parsed: object) -> None:
    """Raise `Refused(400)` unless `parsed`, the body as Bolt's own parser read it
    (`AsyncBoltRequest.body`, after `authenticate`), is a JSON object of the shape Bolt's
    dispatch reads without looking. Bolt parses once; this looks at its result."""
    if not isinstance(parsed, dict):
        raise Refused(400, "body is not a JSON object")
    _check_authorizations(parsed)


def _check_authorizations(parsed: dict[str, Any]) -> None:
    """Bolt indexes these without looking (`authorizations[0]`, `team.id`, ...)."""
    authorizations = parsed.get("authorizations")
    if authorizations is not None and not (
        isinstance(authorizations, list) and all(isinstance(a, dict) for a in authorizations)
    ):
        raise Refused(400, "authorizations is not a list of objects")
    for name in ("team", "enterprise", "user", "channel", "view", "container"):
        value = parsed.get(name)
        if value is not None and not isinstance(value, dict | str):
            raise Refused(400, f"{name} is neither an object nor a string")
    event = parsed.get("event")
    if event is not None and not (isinstance(event, dict) and isinstance(event.get("type"), str)):
        raise Refused(400, "event is not an object with a type")
