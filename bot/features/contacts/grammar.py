"""The text-command grammar of `/kontakt`, Swedish and English.

`parse_contact(args)` turns what follows the command word into a typed command, or raises
`UsageError` naming what was wrong and which syntax to show. Field names are the ones
the field registry (`fields.FIELDS`) lists. Values stay raw text here: their meaning
(dates, countries, ...) is the fields' business, so every problem is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.features.contacts import validation
from bot.features.contacts.fields import ALIASES, DISPLAY
from bot.kernel.grammar import UsageError, fold, split_keyword

_FIELD = re.compile(r"^\s*([^\W\d_][\w \-]*?)\s*:\s*(.*)$", re.DOTALL)
_NEAR = 70  # rapidfuzz ratio for "did you mean": partnr -> partner, datm -> datum
_ID = re.compile(r"^#?(\d{1,20})\b[\s;,:]*(.*)$", re.DOTALL)


# --- /kontakt ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OpenForm:
    """`/kontakt` with nothing after it."""


@dataclass(frozen=True, kw_only=True)
class NewContact:
    fields: Mapping[str, str]  # canonical field name -> raw value (`anyway`: see fields)


@dataclass(frozen=True, kw_only=True)
class ListContacts:
    department: str | None = None
    period: str | None = None


@dataclass(frozen=True, kw_only=True)
class ShowContact:
    contact_id: int


@dataclass(frozen=True, kw_only=True)
class EditContact:
    contact_id: int
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class DeleteContact:
    contact_id: int
    confirmed: bool = False  # `ta bort 12 ja`: the second step; the first only asks
    declined: bool = False  # `ta bort 12 nej`: the answer to the question, nothing removed


@dataclass(frozen=True, kw_only=True)
class ListDeleted:
    """`/kontakt borttagna`: the coordinator's list of removed entries."""


@dataclass(frozen=True, kw_only=True)
class RestoreContact:
    contact_id: int


ContactCommand = (
    OpenForm
    | NewContact
    | ListContacts
    | ShowContact
    | EditContact
    | DeleteContact
    | ListDeleted
    | RestoreContact
)
_YES = frozenset({"ja", "yes", "j", "y", "bekrafta", "confirm"})
_NO = frozenset({"nej", "no", "n", "avbryt", "cancel"})


def parse_fields(text: str, *, usage: str) -> dict[str, str]:
    """`datum: 2026-03-12; partner: X; ...` -> {"date": "2026-03-12", "partner": "X"}.

    A `;` not followed by `word:` belongs to the value before it, so a description may
    hold semicolons (and `; se https://…`). A `; word:` whose word is no field name is an
    error naming it, with the nearest field name: storing `färg: blå` inside the
    description, or losing `partnr:` into the date, would be a silent wrong entry."""
    fields: dict[str, str] = {}
    typed: dict[str, str] = {}  # field name -> its label as typed, to name a repeat
    current: str | None = None
    for part in text.split(";"):
        found = _FIELD.match(part)
        label = " ".join(fold(found.group(1)).split()) if found else ""
        name = ALIASES.get(label) if found else None
        if found and name is not None:
            again = found.group(1).strip()
            if name in typed:  # the later would silently win: say so instead
                first = typed[name]
                if fold(first) == fold(again):
                    raise UsageError(usage, "contact.error.field_twice", field=again[:40])
                raise UsageError(
                    usage, "contact.error.same_field", first=first[:40], second=again[:40]
                )
            typed[name] = again
            current = name
            fields[name] = found.group(2).strip()
        elif found and (current is None or _looks_like_field(found.group(1), found.group(2))):
            raise unknown_field(found.group(1).strip(), usage)
        elif current is not None:
            fields[current] = f"{fields[current]}; {part.strip()}".strip("; ")
        elif part.strip():
            raise unknown_field(part.strip(), usage)
    return fields


def _looks_like_field(label: str, value: str) -> bool:
    """Within a value, `; word: …` is a (mistyped) field; several words before a colon
    are prose unless they are close to a field name, and `https://` is a link."""
    if value.startswith("//"):
        return False
    return len(label.split()) == 1 or nearest_field(label) is not None


def nearest_field(label: str) -> str | None:
    """The field name (as users write it) closest to a mistyped `label`, if any is close."""
    found = process.extractOne(
        " ".join(fold(label).split()), list(ALIASES), scorer=fuzz.ratio, score_cutoff=_NEAR
    )
    return DISPLAY.get(found[0], found[0]) if found else None


def unknown_field(label: str, usage: str) -> UsageError:
    near = nearest_field(label)
    if near is None:
        return UsageError(usage, "command.unknown_field", field=label[:40])
    return UsageError(usage, "contact.error.unknown_field_near", field=label[:40], near=near)


def _contact_id(rest: str, usage: str) -> tuple[int, str]:
    found = _ID.match(rest.strip())
    if not found:
        raise UsageError(usage, "command.need_id")
    try:
        number = validation.record_id(found.group(1))
    except validation.Invalid as invalid:
        raise UsageError(usage, invalid.key, **validation.strings(invalid.values)) from None
    if number is None:
        raise UsageError(usage, "contact.error.bad_id", value=found.group(1)[:20])
    return number, found.group(2).strip()


def _new(rest: str) -> ContactCommand:
    if not rest.strip():
        raise UsageError("contact.usage.new", "command.need_fields")
    return NewContact(fields=parse_fields(rest, usage="contact.usage.new"))


def _list(rest: str) -> ContactCommand:
    department: str | None = None
    period: str | None = None
    words = rest.split()
    while words:
        word = words.pop(0)
        if ALIASES.get(fold(word).rstrip(":").strip()) == "department":
            department = " ".join(words).strip() or None
            if department is None:
                raise UsageError("contact.usage.list", "command.need_department")
            break
        if period is None and re.match(r"^\d{4}", word):
            period = word
            continue
        raise UsageError("contact.usage.list", "command.unknown_word", word=word[:40])
    return ListContacts(department=department, period=period)


def _show(rest: str) -> ContactCommand:
    contact_id, extra = _contact_id(rest, "contact.usage.show")
    if extra:
        raise UsageError("contact.usage.show", "command.unknown_word", word=extra[:40])
    return ShowContact(contact_id=contact_id)


def _edit(rest: str) -> ContactCommand:
    contact_id, extra = _contact_id(rest, "contact.usage.edit")
    fields = parse_fields(extra, usage="contact.usage.edit")
    if not fields:
        raise UsageError("contact.usage.edit", "command.need_fields")
    return EditContact(contact_id=contact_id, fields=fields)


def _delete(rest: str) -> ContactCommand:
    contact_id, extra = _contact_id(rest, "contact.usage.delete")
    if extra and fold(extra) in _NO:
        return DeleteContact(contact_id=contact_id, declined=True)
    if extra and fold(extra) not in _YES:
        raise UsageError("contact.usage.delete", "command.unknown_word", word=extra[:40])
    return DeleteContact(contact_id=contact_id, confirmed=bool(extra))


def _deleted(rest: str) -> ContactCommand:
    if rest.strip():
        raise UsageError("contact.usage", "command.unknown_word", word=rest.split()[0][:40])
    return ListDeleted()


def _restore(rest: str) -> ContactCommand:
    contact_id, extra = _contact_id(rest, "contact.usage.restore")
    if extra:
        raise UsageError("contact.usage.restore", "command.unknown_word", word=extra[:40])
    return RestoreContact(contact_id=contact_id)


_CONTACT_KEYWORDS: Mapping[str, str] = {
    "ny": "new", "new": "new", "add": "new", "lagg till": "new",
    "lista": "list", "list": "list", "ls": "list",
    "visa": "show", "show": "show",
    "andra": "edit", "edit": "edit", "redigera": "edit", "uppdatera": "edit",
    "update": "edit", "korrigera": "edit", "correct": "edit",
    "ta bort": "delete", "delete": "delete", "remove": "delete", "radera": "delete",
    "borttagna": "deleted", "deleted": "deleted", "removed": "deleted",
    "aterstall": "restore", "restore": "restore", "undelete": "restore",
}  # fmt: skip
_CONTACT_PARSERS: Mapping[str, Callable[[str], ContactCommand]] = {
    "new": _new,
    "list": _list,
    "show": _show,
    "edit": _edit,
    "delete": _delete,
    "deleted": _deleted,
    "restore": _restore,
}


def parse_contact(args: str) -> ContactCommand:
    """What follows `/kontakt` -> a command; `UsageError` when it is not one."""
    if not args.strip():
        return OpenForm()
    action, rest = split_keyword(args, _CONTACT_KEYWORDS)
    if action is None:
        word = args.split()[0]
        raise UsageError("contact.usage", "command.unknown_action", word=word[:40])
    return _CONTACT_PARSERS[action](rest)
