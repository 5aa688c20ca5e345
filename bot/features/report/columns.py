"""Column expressions and folds that the report's queries share (figures and the
sections the front matter turns on)."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column

from bot.store.models import Contact

# SQLite keeps no statistics on date ranges (it is built without STAT4), so it reads a
# period through ix_contacts_date and then fetches each row from the table, in the
# table's order. When the range holds more than this share of the table, reading the
# whole table in order is several times faster (measured on a year of 100,000 contacts:
# 220 ms through the index, 90 ms scanning), so the report's queries ask for the scan.
SCAN_SHARE = 0.2


def json_array(backend: str, column: Any) -> ColumnElement[Any]:
    """A JSON array column, or an empty array where a row holds anything but an array (a
    JSON null, say): PostgreSQL's array functions fail on scalars instead of skipping them."""
    if backend == "postgresql":
        is_array = func.json_typeof(column) == "array"
        return case((is_array, column), else_=literal_column("'[]'::json"))
    is_array = func.json_type(column) == "array"
    return case((is_array, column), else_=literal_column("'[]'"))


def json_values(backend: str, column: Any) -> Any:
    """A table-valued function yielding each element of a JSON array column as `value`."""
    if backend == "postgresql":
        return func.json_array_elements_text(json_array(backend, column)).table_valued("value")
    return func.json_each(json_array(backend, column)).table_valued("value")


def areas_array(backend: str) -> ColumnElement[Any]:
    """`contacts.areas` as an array (see `json_array`)."""
    return json_array(backend, Contact.areas)


def area_values(backend: str) -> Any:
    """A table-valued function yielding each area key of `contacts.areas` as `value`."""
    return json_values(backend, Contact.areas)


@functools.lru_cache(maxsize=1 << 16)
def fold_partner(name: str) -> str:
    """Partner names compared forgivingly: case, accents, spacing and punctuation."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", plain).strip()
