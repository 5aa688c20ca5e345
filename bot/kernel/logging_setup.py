"""Structured logs: one line per record, JSON or key=value text, with a request id.

The request id lives in a context variable, so every record logged while a turn (or a
reminder pass) is handled carries it, across awaits and the tasks the turn starts.
`Bot.handle` sets one per turn; an adapter may set its own first (the platform's event
id, say) and the turn keeps it:

    with request_id(envelope_id):
        replies = await bot.handle(message)

`configure_logging` is called once by the composition root (adapters/cli.py).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Literal

LogFormat = Literal["text", "json"]

_REQUEST_ID: ContextVar[str | None] = ContextVar("intbot_request_id", default=None)

# Attributes every LogRecord has; anything else came in through `extra=` and is logged.
_STANDARD = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None)).keys()
    | {"message", "asctime", "request_id", "taskName"}
)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


def new_request_id() -> str:
    return secrets.token_hex(6)


def current_request_id() -> str | None:
    """The request id of the turn being handled, or None outside one."""
    return _REQUEST_ID.get()


@contextmanager
def request_id(value: str | None = None, *, inherit: bool = True) -> Iterator[str]:
    """Set the request id for the block. Without `value`, an id set by an enclosing block
    (an adapter) is kept when `inherit`, else a fresh one is made."""
    current = _REQUEST_ID.get()
    chosen = value or (current if inherit and current else new_request_id())
    token = _REQUEST_ID.set(chosen)
    try:
        yield chosen
    finally:
        _REQUEST_ID.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` ("-" outside a request) for the formatters."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _REQUEST_ID.get() or "-"
        return True


def _extras(record: logging.LogRecord) -> dict[str, object]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, request_id, msg, extras, exc."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, object] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or _REQUEST_ID.get(),
            "msg": record.getMessage(),
        }
        out.update(_extras(record))
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            out["stack"] = self.formatStack(record.stack_info)
        return json.dumps(out, ensure_ascii=False, default=str)


class KeyValueFormatter(logging.Formatter):
    """Readable text with the request id, and `extra=` values as key=value pairs."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = _extras(record)
        if not extras:
            return line
        pairs = " ".join(
            f"{k}={json.dumps(v, ensure_ascii=False, default=str)}" for k, v in extras.items()
        )
        head, sep, tail = line.partition("\n")  # keep a traceback below the pairs
        return f"{head} {pairs}{sep}{tail}"


def configure_logging(
    *,
    level: str = "INFO",
    fmt: LogFormat = "text",
    stream: IO[str] | None = None,
    force: bool = False,
) -> logging.Handler | None:
    """Send the root logger's records to `stream` (stderr) in `fmt`, with request ids.

    Like `logging.basicConfig`, does nothing when someone else (a test runner, an
    embedding application) has configured the root logger already, unless `force`.
    Configuring twice replaces, never doubles, the output."""
    root = logging.getLogger()
    ours = [h for h in root.handlers if any(isinstance(f, RequestIdFilter) for f in h.filters)]
    if not force and len(ours) < len(root.handlers):
        return None
    for old in ours:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else KeyValueFormatter())
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Alembic announces each of its plugins at INFO whenever it loads (every `intbot
    # chat` start): noise, not news. Its migration lines stay.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return handler
