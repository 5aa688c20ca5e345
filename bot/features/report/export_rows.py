"""The activity list's rows for the CSV and XLSX exports, read in the writer's own thread
through the database's synchronous driver, batch by batch from a server-side cursor.

Why not the async engine: every batch from an async driver is a hop between the event
loop and the driver's thread, and each row became an `Activity` before it became a row:
1.6 s per 100,000 rows before any writing, where `sqlite3 -csv` exports them in 0.5 s.
Here the cursor, the labels and the writer share one worker thread and rows go straight
to tuples in the activity list's column order (`layout.activity_table(full=True)`).
The event loop stays free meanwhile; memory holds one batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from sqlalchemy import create_engine
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from bot.features.report.blocks import Cell
from bot.features.report.figures import BATCH_ROWS, Labels, _decimal, activity_query
from bot.features.report.periods import Period
from bot.features.report.texts import t
from bot.store.db import Database, sync_url
from knowledge.language import Language

EntryRow = tuple[Cell, ...]


class EntryWriter(Protocol):
    def add_rows(self, rows: Sequence[EntryRow]) -> None: ...

    def finish(self) -> bytes: ...


def sync_readable(db: Database) -> URL | None:
    """The synchronous URL of `db`, or None where a second connection would not see the
    same data (an in-memory SQLite database lives in its one connection)."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return sync_url(url.render_as_string(hide_password=False))


def _cached(label: Callable[[str], str]) -> Callable[[str], str]:
    seen: dict[str, str] = {}

    def cached(key: str) -> str:
        value = seen.get(key)
        if value is None:
            value = seen[key] = label(key)
        return value

    return cached


def read_entries(
    url: URL, *, period: Period, labels: Labels, lang: Language, batch: int = BATCH_ROWS
) -> Iterator[list[EntryRow]]:
    """Batches of the period's entries as activity-list rows, oldest first."""
    kind, country, area = _cached(labels.kind), _cached(labels.country), _cached(labels.area)
    yes, no = t("report.yes", lang), t("report.no", lang)
    # A log holds a handful of distinct area lists: each is decoded and labelled once
    # (json.loads per row was a quarter of the reading time).
    area_texts: dict[object, str] = {}

    def areas(raw: object) -> str:
        key = raw if isinstance(raw, str) or raw is None else json.dumps(raw)
        text = area_texts.get(key)
        if text is None:
            keys = json.loads(raw) if isinstance(raw, str) else raw
            keys = keys if isinstance(keys, list) else []
            text = area_texts[key] = "; ".join(area(str(k)) for k in keys)
        return text

    engine = create_engine(url, poolclass=NullPool)
    # The statement as SQL text, run without SQLAlchemy's per-column result processing
    # (a regex per date, a Decimal per amount, JSON per area list): the values are
    # converted here, once per distinct value where that is possible.
    sql = str(
        activity_query(period, raw_areas=True).compile(
            dialect=engine.dialect, compile_kwargs={"literal_binds": True}
        )
    )
    fromiso = dt.date.fromisoformat
    try:
        with engine.connect() as connection:
            result = connection.execution_options(yield_per=batch).exec_driver_sql(sql)
            for rows in result.partitions(batch):
                yield [
                    (
                        r[0],
                        fromiso(r[1]) if type(r[1]) is str else r[1],
                        r[2],
                        r[3],
                        r[4],
                        country(r[5]),
                        kind(r[6]),
                        areas(r[7]),
                        r[8],
                        yes if r[9] else no,
                        None if r[10] is None else _decimal(r[10]),
                        r[11],
                        r[12],
                        fromiso(r[13]) if type(r[13]) is str else r[13],
                        r[14],
                        r[15],
                    )
                    for r in rows
                ]
    finally:
        engine.dispose()


def export(writer: EntryWriter, batches: Iterator[list[EntryRow]]) -> bytes:
    """Every batch into `writer`, then its bytes (run in a worker thread)."""
    for rows in batches:
        writer.add_rows(rows)
    return writer.finish()
