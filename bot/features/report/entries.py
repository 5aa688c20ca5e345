"""The activity list (every entry of the period) as the contact field registry defines it.

Its columns are the entry's number and each field with a `Listed` in
`bot.features.contacts.fields` (when and who first, then the rest in registry order). The
query that reads them, their headers and widths, and how a stored value becomes a cell
all follow from the field's entry, so a new field reaches the CSV, the XLSX and every
renderer by its registry entry alone.

Rows are read raw (the SQL as text, no per-column result processing) and turned into
cells by one function made per export (`row_maker`): a column of fixed words (a country,
a kind, a currency) is looked up once per distinct value, and only text that users type
is checked, cell by cell, for what a spreadsheet would read as a formula.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Select, String, and_, cast, func, select
from sqlalchemy.engine import URL, Connection, create_engine
from sqlalchemy.pool import NullPool

from bot.features.contacts.fields import LISTED, ListedAs, Texts
from bot.features.report.blocks import Cell
from bot.features.report.columns import SCAN_SHARE
from bot.features.report.exportsafe import RISKY_FIRST, csv_text
from bot.features.report.formatting import format_csv_decimal
from bot.features.report.periods import Period
from bot.features.report.texts import t
from bot.store.db import Database
from bot.store.models import Contact, Department
from knowledge.language import Language

_Select = Select[*tuple[Any, ...]]
Kind = ListedAs | Literal["id"]
Target = Literal["cells", "csv"]  # native cells (XLSX, documents) or CSV-ready values

# Rows per batch read from the cursor: large enough that the per-batch cost (a greenlet
# switch, a thread hand-off to the writer) vanishes, small enough to keep memory flat.
BATCH_ROWS = 5000


@dataclass(frozen=True, kw_only=True)
class EntryColumn:
    name: str  # the field's name (the SELECT's label)
    header: Texts
    kind: Kind
    width: int  # characters, in the spreadsheet
    source: str  # the model column

    def heading(self, lang: Language) -> str:
        return self.header[1] if lang == "en" else self.header[0]

    @property
    def numeric(self) -> bool:
        return self.kind in ("id", "number", "amount")


COLUMNS: tuple[EntryColumn, ...] = (
    EntryColumn(name="id", header=("Nr", "No."), kind="id", width=7, source="id"),
    *(
        EntryColumn(
            name=f.name,
            header=f.listed.header,
            kind=f.listed.kind,
            width=f.listed.width,
            source=f.listed.column_name(f),
        )
        for f in LISTED
        if f.listed is not None
    ),
)
POSITION: Mapping[str, int] = {column.name: n for n, column in enumerate(COLUMNS)}
# Stored as JSON: read as its text, decoded once per distinct value.
_JSON_KINDS = frozenset({"areas", "departments"})


@dataclass(frozen=True, slots=True)
class Activity:
    """One entry of the activity list: its cells in `COLUMNS` order, labelled (no user
    ids: the report names none)."""

    row: tuple[Cell, ...]

    def value(self, name: str) -> Cell:
        return self.row[POSITION[name]]


@dataclass(frozen=True, kw_only=True)
class Labels:
    """How keys become words in the report's language (from `bot.features.contacts.vocabulary`)."""

    kind: Callable[[str], str]
    country: Callable[[str], str]
    areas: dict[str, str] = field(default_factory=dict)  # key -> label

    def area(self, key: str) -> str:
        return self.areas.get(key, key)


def headers(lang: Language) -> list[str]:
    return [column.heading(lang) for column in COLUMNS]


def activity_query(period: Period, *, scan: bool = False) -> _Select:
    """The period's entries with every column of the activity list, oldest first. JSON
    columns come as their text; the department as its id (named from one small query).
    `scan`: SQLite reads the whole table instead of the date index (see SCAN_SHARE)."""
    columns = []
    for column in COLUMNS:
        stored = getattr(Contact, column.source)
        value = cast(stored, String) if column.kind in _JSON_KINDS else stored
        columns.append(value.label(column.name))
    query = (
        select(*columns)
        .where(
            and_(
                Contact.date >= period.start,
                Contact.date <= period.end,
                Contact.deleted_at.is_(None),
            )
        )
        .order_by(Contact.date, Contact.id)
    )
    return query.with_hint(Contact, "NOT INDEXED", dialect_name="sqlite") if scan else query


def as_decimal(value: object) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _json_list(raw: object) -> list[Any]:
    value = json.loads(raw) if isinstance(raw, str) else raw
    return value if isinstance(value, list) else []


class _Memo(dict[Any, Cell]):
    """`make` once per distinct value (a log holds a handful of countries, kinds and area
    lists, and `make` may be a fuzzy label lookup or a JSON decode). A repeat is served
    by subscription (`memo[value]`), which runs the dict's own lookup inline: five cells
    a row, 100,000 rows. Its bound `__getitem__` was a method call per cell (about 4% of
    a CSV export's profile)."""

    def __init__(self, make: Callable[[Any], Cell]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, value: Any) -> Cell:
        made = self[value] = self._make(value)
        return made


def row_maker(
    labels: Labels,
    lang: Language,
    *,
    departments: Mapping[int, str],
    target: Target = "cells",
) -> Callable[[Sequence[Any]], tuple[Cell, ...]]:
    """A function from a raw row of `activity_query` to its cells.

    It is generated once per export from the columns' kinds as one tuple expression: a
    call or a loop per cell was most of an export's time. For `csv` every text cell is
    already safe (a leading `'` where a spreadsheet would see a formula) and amounts are
    written with a decimal comma, so the rows go to `csv.writer` as they are."""
    csv = target == "csv"

    def safe(text: str) -> str:
        return csv_text(text) if csv else text

    yes, no = safe(t("report.yes", lang)), safe(t("report.no", lang))

    def areas(raw: object) -> str:
        return safe("; ".join(labels.area(str(key)) for key in _json_list(raw)))

    def co_departments(raw: object) -> str | None:
        keys = _json_list(raw)
        names = [departments.get(k, f"#{k}") if isinstance(k, int) else str(k) for k in keys]
        return safe("; ".join(names)) if names else None

    def amount(value: object) -> Cell:
        if value is None:
            return None
        exact = as_decimal(value)
        return format_csv_decimal(exact) if csv else exact

    def department(ident: int) -> str:
        return safe(departments.get(ident, f"#{ident}"))

    names: dict[str, Any] = {
        "_risky": RISKY_FIRST,
        "_iso": dt.date.fromisoformat,
        "_yes": yes,
        "_no": no,
        "_amount": amount,
        "_country": _Memo(lambda code: safe(labels.country(code))),
        "_kind": _Memo(lambda key: safe(labels.kind(key))),
        "_areas": _Memo(areas),
        "_departments": _Memo(co_departments),
        "_department": _Memo(department),
    }
    cells = []
    for n, column in enumerate(COLUMNS):
        v = f"r[{n}]"
        match column.kind:
            case "id" | "number" | "code":
                cells.append(v)
            case "text":
                cells.append(f'("\'" + {v} if {v} and {v}[:1] in _risky else {v})' if csv else v)
            case "date":  # SQLite gives ISO text, which is also what CSV writes
                cells.append(v if csv else f"(_iso({v}) if type({v}) is str else {v})")
            case "amount" if csv:
                # SQLite gives a whole amount as an int (most of them): written at once,
                # as format_csv_decimal would ("75000,00"); the largest Python cost of a
                # CSV row was the two Decimal roundings of every amount.
                cells.append(
                    f'(None if {v} is None else str({v}) + ",00" if type({v}) is int '
                    f"else _amount({v}))"
                )
            case "amount":
                cells.append(f"(None if {v} is None else _amount({v}))")
            case "yes_no":
                cells.append(f"(_yes if {v} else _no)")
            case "country" | "kind" | "areas" | "departments" | "department":
                cells.append(f"_{column.kind}[{v}]")
    source = f"lambda r: ({', '.join(cells)},)"
    make: Callable[[Sequence[Any]], tuple[Cell, ...]] = eval(source, names)
    return make


def _department_names(rows: Sequence[Any]) -> dict[int, str]:
    return {int(ident): str(name) for ident, name in rows}


def read_rows(
    url: URL,
    *,
    period: Period,
    labels: Labels,
    lang: Language,
    target: Target = "cells",
    batch: int = BATCH_ROWS,
) -> Iterator[list[tuple[Cell, ...]]]:
    """Batches of the period's entries as rows, oldest first, read through the
    synchronous driver from a server-side cursor (run it in a worker thread)."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            # Compiled once, run as driver SQL: no per-column processing of the result
            # (a regex per date, a Decimal per amount, JSON per area list).
            query = activity_query(period, scan=_scan_pays(connection, period))
            sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
            make = row_maker(labels, lang, departments=_departments_sync(connection), target=target)
            # The driver's own cursor: SQLAlchemy's result wraps every row in a `Row`
            # (a sixth of the export's time). PostgreSQL streams it from a named
            # (server-side) cursor; SQLite's cursor steps through the table as it is read.
            dbapi: Any = connection.connection.dbapi_connection
            named = engine.dialect.name == "postgresql"
            cursor = dbapi.cursor(name="intbot_entries") if named else dbapi.cursor()
            try:
                if named:
                    cursor.itersize = batch
                cursor.execute(sql)
                while rows := cursor.fetchmany(batch):
                    yield list(map(make, rows))
            finally:
                cursor.close()
    finally:
        engine.dispose()


def _scan_pays(connection: Connection, period: Period) -> bool:
    """SQLite keeps no statistics on date ranges: when the period holds more than
    SCAN_SHARE of the table, reading the table in order beats fetching row by row
    through the date index (counted on the index, a few milliseconds)."""
    if connection.dialect.name != "sqlite":
        return False  # PostgreSQL's planner has histograms and decides for itself
    in_range = and_(Contact.date >= period.start, Contact.date <= period.end)
    total, inside = connection.execute(
        select(
            select(func.count()).select_from(Contact).scalar_subquery(),
            select(func.count()).select_from(Contact).where(in_range).scalar_subquery(),
        )
    ).one()
    return bool(inside > SCAN_SHARE * total)


def _departments_sync(connection: Connection) -> dict[int, str]:
    return _department_names(connection.execute(select(Department.id, Department.name)).all())


async def stream_activities(
    db: Database,
    *,
    period: Period,
    labels: Labels,
    lang: Language = "sv",
    limit: int | None = None,
    batch: int = BATCH_ROWS,
) -> AsyncIterator[list[Activity]]:
    """The period's entries, oldest first, labelled, in batches straight from a
    server-side cursor (`stream` with `yield_per`): a writer holds one batch at a time,
    so exporting 100,000 entries takes no more memory than exporting 5,000."""
    query = activity_query(period).execution_options(yield_per=batch)
    if limit is not None:
        query = query.limit(limit)
    # A Core connection, not an ORM session: the ORM's row loading doubled the time.
    async with db.engine.connect() as connection:
        departments = _department_names(
            (await connection.execute(select(Department.id, Department.name))).all()
        )
        make = row_maker(labels, lang, departments=departments)
        result = await connection.stream(query)
        # In batches: a row at a time costs a greenlet switch per row.
        async for rows in result.partitions(batch):
            yield [Activity(make(row)) for row in rows]


async def load_activities(
    db: Database,
    *,
    period: Period,
    labels: Labels,
    lang: Language = "sv",
    limit: int | None = None,
) -> list[Activity]:
    """The period's entries, oldest first, labelled; `limit` caps how many are read."""
    activities: list[Activity] = []
    async for batch in stream_activities(db, period=period, labels=labels, lang=lang, limit=limit):
        activities.extend(batch)
    return activities
