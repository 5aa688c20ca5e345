"""What may reach the store, checked once for every path (chat, Slack modal, Teams card,
CLI): text lengths, invisible control characters, ids and user ids.

The contact fields (`fields.validate`) and the network's grammar call these, so a value
that one surface would refuse is refused by all of them, with a message instead of a
database error: a NUL byte, a 50,000-character description from a forged modal, a
contact number past the database's integer, a mention that is not a user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

# The longest free text of a contact (description, follow-up). The Slack modal's and the
# Teams card's text inputs use the same number, so a form never accepts what chat refuses.
MAX_FREE_TEXT: Final = 3000
MAX_SHORT_TEXT: Final = 300  # any other single value (a partner, a date, a country, ...)
MAX_DEPARTMENT: Final = 200
MAX_DISPLAY_NAME: Final = 100
MAX_USER_ID: Final = 100
MAX_ID: Final = 2_147_483_647  # ids are 32-bit integers in PostgreSQL

# C0 and C1 control characters and DEL, except tab, line feed and carriage return; and
# the bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069), which
# make a name read otherwise than it is stored ("Stadt \u202eraltzeW" shows as "Stadt
# Wetzlar") in every surface and document. The marks (U+200E, U+200F) stay allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a user id may hold on each platform; anything else (`<@>`, `<@U9|Anna`, spaces)
# is a typo or an attempt, never a user.
_ANY_USER = re.compile(r"[\w.:@-]{1,100}")


class Invalid(ValueError):
    """A value that must not be stored. `key` is a text key; `values` its placeholders."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def strings(values: Mapping[str, object]) -> dict[str, str]:
    """An `Invalid`'s values as the text placeholders of a `UsageError`."""
    return {key: str(value) for key, value in values.items()}


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def without_control(text: str) -> str:
    """`text` without control characters and bidi overrides: for what is kept as the
    user wrote it where refusing would be unkind (a question, whose words they are)."""
    return _CONTROL.sub("", text)


def text(value: str, *, limit: int) -> str:
    """`value` stripped, or `Invalid` when it holds control characters or is too long."""
    if has_control(value):
        raise Invalid("contact.error.control")
    stripped = value.strip()
    if len(stripped) > limit:
        raise Invalid("contact.error.too_long", limit=limit, length=len(stripped))
    return stripped


def grouped(number: int | Decimal) -> str:
    """`1000000` -> `1 000 000`: a limit as it is read in both languages."""
    return f"{number:,.0f}".replace(",", "\u00a0")


def at_most(number: int | Decimal, limit: int | Decimal, typed: str) -> None:
    """`Invalid` naming `typed` as too large and the largest allowed, when `number` is
    above `limit`: a number past what a field holds is a number, just too big."""
    if number > limit:
        raise Invalid("contact.error.too_large", value=typed, limit=grouped(limit))


def record_id(digits: str) -> int | None:
    """A typed id as a number the database can hold; None when it is no number (or 0),
    `Invalid` when it is larger than any id can be."""
    if not digits.isascii() or not digits.isdigit():
        return None
    number = int(digits)
    at_most(number, MAX_ID, digits)
    return number if number > 0 else None


def user_id(value: str, syntax: str | None = None) -> str | None:
    """A user id in the surface's `syntax` (a regular expression; any surface's when it
    names none), or None."""
    if not _ANY_USER.fullmatch(value):
        return None
    return value if syntax is None or re.fullmatch(syntax, value) else None


def department_name(value: str) -> str:
    """A new department's name: no control characters, at most `MAX_DEPARTMENT`."""
    if has_control(value):
        raise Invalid("contact.error.control")
    name = " ".join(value.split())
    if len(name) > MAX_DEPARTMENT:
        raise Invalid("network.error.department_long", limit=MAX_DEPARTMENT, length=len(name))
    return name
