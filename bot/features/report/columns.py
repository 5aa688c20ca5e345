"""Column expressions and folds that the report's queries share (figures and the
sections the front matter turns on)."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column

from bot.store.models import Contact


def areas_array(backend: str) -> ColumnElement[Any]:
    """`contacts.areas`, or an empty array where a row holds anything but an array (a JSON
    null, say): PostgreSQL's array functions fail on scalars instead of skipping them."""
    if backend == "postgresql":
        is_array = func.json_typeof(Contact.areas) == "array"
        return case((is_array, Contact.areas), else_=literal_column("'[]'::json"))
    is_array = func.json_type(Contact.areas) == "array"
    return case((is_array, Contact.areas), else_=literal_column("'[]'"))


def area_values(backend: str) -> Any:
    """A table-valued function yielding each area key of `contacts.areas` as `value`."""
    if backend == "postgresql":
        return func.json_array_elements_text(areas_array(backend)).table_valued("value")
    return func.json_each(areas_array(backend)).table_valued("value")


@functools.lru_cache(maxsize=1 << 16)
def fold_partner(name: str) -> str:
    """Partner names compared forgivingly: case, accents, spacing and punctuation."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", plain).strip()
