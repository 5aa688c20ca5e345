"""The text-command grammar of `/kontakt` and `/natverk`, Swedish and English.

`parse_contact(args)` and `parse_network(args)` turn what follows the command word into a
typed command, or raise `UsageError` naming what was wrong and which syntax to show.
Values stay raw text here: their meaning (dates, countries, ...) is the contact log's
business (bot/contacts.py), so that every problem can be reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.features.contacts.vocabulary import fold

# Canonical field names are the contact form's field names (English).
FIELD_ALIASES: Mapping[str, str] = {
    "datum": "date",
    "date": "date",
    "dag": "date",
    "partner": "partner",
    "partnerorganisation": "partner",
    "organisation": "partner",
    "organization": "partner",
    "stad": "city",
    "ort": "city",
    "city": "city",
    "land": "country",
    "country": "country",
    "typ": "kind",
    "type": "kind",
    "kind": "kind",
    "slag": "kind",
    "omrade": "areas",
    "omraden": "areas",
    "strategiskt omrade": "areas",
    "area": "areas",
    "areas": "areas",
    "deltagare": "participants",
    "antal deltagare": "participants",
    "participants": "participants",
    "unga": "youth",
    "ungdomar": "youth",
    "youth": "youth",
    "finansiering": "funding",
    "extern finansiering": "funding",
    "funding": "funding",
    "beskrivning": "description",
    "description": "description",
    "uppfoljning": "follow_up",
    "follow up": "follow_up",
    "followup": "follow_up",
    "forvaltning": "department",
    "department": "department",
}
CONTACT_FIELDS: tuple[str, ...] = (
    "date", "partner", "city", "country", "kind", "areas", "participants", "youth",
    "funding", "description", "follow_up", "department",
)  # fmt: skip

_FIELD = re.compile(r"^\s*([^\W\d_][\w \-]*?)\s*:\s*(.*)$", re.DOTALL)
_ID = re.compile(r"^#?(\d{1,12})\b[\s;,:]*(.*)$", re.DOTALL)
_USER_THEN_REST = re.compile(r"^(<@[^>]+>|\S+)\s+(\S.*)$", re.DOTALL)
_MENTION = re.compile(r"^<@([A-Za-z0-9._-]+)(?:\|[^>]*)?>$")


class UsageError(Exception):
    """The command could not be parsed: `usage` is the texts key of the syntax to show,
    `problem` a texts key saying what was wrong, with its `values`."""

    def __init__(self, usage: str, problem: str, **values: str) -> None:
        super().__init__(problem)
        self.usage = usage
        self.problem = problem
        self.values = values


# --- /kontakt ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OpenForm:
    """`/kontakt` with nothing after it."""


@dataclass(frozen=True, kw_only=True)
class NewContact:
    fields: Mapping[str, str]  # canonical field name -> raw value


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


ContactCommand = OpenForm | NewContact | ListContacts | ShowContact | EditContact | DeleteContact


def parse_fields(text: str, *, usage: str) -> dict[str, str]:
    """`datum: 2026-03-12; partner: X; ...` -> {"date": "2026-03-12", "partner": "X"}.

    A `;` not followed by a known `field:` belongs to the value before it, so a
    description may hold semicolons. Unknown fields are an error naming them."""
    fields: dict[str, str] = {}
    current: str | None = None
    for part in text.split(";"):
        found = _FIELD.match(part)
        name = FIELD_ALIASES.get(" ".join(fold(found.group(1)).split())) if found else None
        if found and name is not None:
            current = name
            fields[name] = found.group(2).strip()
        elif current is not None:
            fields[current] = f"{fields[current]}; {part.strip()}".strip("; ")
        elif part.strip():
            label = found.group(1).strip() if found else part.strip()
            raise UsageError(usage, "command.unknown_field", field=label[:40])
    return fields


def _split_keyword(text: str, keywords: Mapping[str, str]) -> tuple[str | None, str]:
    """The longest keyword (`ta bort` before `ta`) at the start of `text`, and the rest."""
    folded = fold(text)
    for word in sorted(keywords, key=len, reverse=True):
        if folded == word or folded.startswith(word + " "):
            rest = text.strip()
            for _ in word.split():  # drop as many words as the keyword has
                rest = rest.partition(" ")[2].lstrip() if " " in rest else ""
            return keywords[word], rest
    return None, text


def _contact_id(rest: str, usage: str) -> tuple[int, str]:
    found = _ID.match(rest.strip())
    if not found:
        raise UsageError(usage, "command.need_id")
    return int(found.group(1)), found.group(2).strip()


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
        if FIELD_ALIASES.get(fold(word).rstrip(":").strip()) == "department":
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
    if extra:
        raise UsageError("contact.usage.delete", "command.unknown_word", word=extra[:40])
    return DeleteContact(contact_id=contact_id)


_CONTACT_KEYWORDS: Mapping[str, str] = {
    "ny": "new", "new": "new", "add": "new", "lagg till": "new",
    "lista": "list", "list": "list", "ls": "list",
    "visa": "show", "show": "show",
    "andra": "edit", "edit": "edit", "redigera": "edit", "uppdatera": "edit",
    "update": "edit", "korrigera": "edit", "correct": "edit",
    "ta bort": "delete", "delete": "delete", "remove": "delete", "radera": "delete",
}  # fmt: skip
_CONTACT_PARSERS: Mapping[str, Callable[[str], ContactCommand]] = {
    "new": _new,
    "list": _list,
    "show": _show,
    "edit": _edit,
    "delete": _delete,
}


def parse_contact(args: str) -> ContactCommand:
    """What follows `/kontakt` -> a command; `UsageError` when it is not one."""
    if not args.strip():
        return OpenForm()
    action, rest = _split_keyword(args, _CONTACT_KEYWORDS)
    if action is None:
        word = args.split()[0]
        raise UsageError("contact.usage", "command.unknown_action", word=word[:40])
    return _CONTACT_PARSERS[action](rest)


# --- /natverk ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegisterRepresentative:
    user: str
    department: str
    display_name: str | None = None


@dataclass(frozen=True, kw_only=True)
class RemoveRepresentative:
    user: str


@dataclass(frozen=True, kw_only=True)
class ListNetwork:
    pass


@dataclass(frozen=True, kw_only=True)
class ExportData:
    """`/natverk export USER` (bot/data_rights.py checks the argument itself)."""

    user: str


NetworkCommand = RegisterRepresentative | RemoveRepresentative | ListNetwork | ExportData


def normalise_user(text: str) -> tuple[str, str | None]:
    """`<@U123>`, `<@U123|anna>`, `@anna`, `U123` -> (id, display name if given)."""
    value = text.strip()
    found = _MENTION.match(value)
    if found:
        name = value[value.index("|") + 1 : -1] if "|" in value else None
        return found.group(1), name
    return value.lstrip("@"), None


def _register(rest: str) -> NetworkCommand:
    found = _USER_THEN_REST.match(rest.strip())
    if not found:
        raise UsageError("network.usage.rep", "command.need_user_and_department")
    user, department = found.groups()
    user_id, name = normalise_user(user)
    if not user_id:
        raise UsageError("network.usage.rep", "command.need_user_and_department")
    return RegisterRepresentative(user=user_id, department=department.strip(), display_name=name)


def _remove(rest: str) -> NetworkCommand:
    found = _USER_THEN_REST.match(rest.strip() + " .")
    if not found or found.group(2) != ".":
        raise UsageError("network.usage.remove", "command.need_user")
    user_id, _ = normalise_user(found.group(1))
    return RemoveRepresentative(user=user_id)


def _list_network(rest: str) -> NetworkCommand:
    if rest.strip():
        raise UsageError("network.usage", "command.unknown_word", word=rest.split()[0][:40])
    return ListNetwork()


def _export(rest: str) -> NetworkCommand:
    return ExportData(user=rest.strip())


_NETWORK_KEYWORDS: Mapping[str, str] = {
    "representant": "rep", "rep": "rep", "representative": "rep", "registrera": "rep",
    "register": "rep",
    "ta bort": "remove", "remove": "remove", "delete": "remove", "radera": "remove",
    "lista": "list", "list": "list",
    "export": "export", "exportera": "export",
}  # fmt: skip
_NETWORK_PARSERS: Mapping[str, Callable[[str], NetworkCommand]] = {
    "rep": _register,
    "remove": _remove,
    "list": _list_network,
    "export": _export,
}


def parse_network(args: str) -> NetworkCommand:
    """What follows `/natverk` -> a command; an empty text lists the network."""
    if not args.strip():
        return ListNetwork()
    action, rest = _split_keyword(args, _NETWORK_KEYWORDS)
    if action is None:
        raise UsageError("network.usage", "command.unknown_action", word=args.split()[0][:40])
    return _NETWORK_PARSERS[action](rest)
