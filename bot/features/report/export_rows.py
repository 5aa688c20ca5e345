"""The activity list's rows for the CSV and XLSX exports, read in the writer's own thread
through the database's synchronous driver, batch by batch from a server-side cursor.

Why not the async engine: every batch from an async driver is a hop between the event
loop and the driver's thread, and each row became an `Activity` before it became a row.
Here the cursor, the labels and the writer share one worker thread and rows go straight
to tuples in the activity list's column order (`entries.COLUMNS`, from the field
registry). The event loop stays free meanwhile; memory holds one batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from sqlalchemy.engine import URL

from bot.features.report.blocks import Cell
from bot.features.report.entries import BATCH_ROWS, Labels, Target, read_rows
from bot.features.report.periods import Period
from bot.store.db import Database, sync_url
from knowledge.language import Language

EntryRow = tuple[Cell, ...]


class EntryWriter(Protocol):
    # What the writer takes: native cells, or values already made CSV-safe.
    target: Target

    def add_rows(self, rows: Sequence[EntryRow]) -> None: ...

    def finish(self) -> bytes: ...


def sync_readable(db: Database) -> URL | None:
    """The synchronous URL of `db`, or None where a second connection would not see the
    same data (an in-memory SQLite database lives in its one connection)."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return sync_url(url.render_as_string(hide_password=False))


def read_entries(
    url: URL,
    *,
    period: Period,
    labels: Labels,
    lang: Language,
    target: Target = "cells",
    batch: int = BATCH_ROWS,
) -> Iterator[list[EntryRow]]:
    """Batches of the period's entries as activity-list rows, oldest first."""
    return read_rows(url, period=period, labels=labels, lang=lang, target=target, batch=batch)


def export(writer: EntryWriter, batches: Iterator[list[EntryRow]]) -> bytes:
    """Every batch into `writer`, then its bytes (run in a worker thread)."""
    for rows in batches:
        writer.add_rows(rows)
    return writer.finish()
