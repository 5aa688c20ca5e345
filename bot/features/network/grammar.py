"""The text-command grammar of `/natverk`, Swedish and English.

`parse_network(args)` turns what follows the command word into a typed command, or
raises `UsageError` naming what was wrong and which syntax to show.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.features.contacts import validation
from bot.kernel.grammar import UsageError, fold, split_keyword

_USER_THEN_REST = re.compile(r"^(<@[^>]+>|\S+)\s+(\S.*)$", re.DOTALL)
# The id as any surface writes it (Teams' channel account ids have a colon: `29:1ab`).
_MENTION = re.compile(r"^<@([\w.:@-]+)(?:\|[^>]*)?>$")


@dataclass(frozen=True, kw_only=True)
class RegisterRepresentative:
    user: str
    department: str
    display_name: str | None = None
    # `ny förvaltning NAMN` / `new NAME`: create it even though a similar name exists.
    new_department: bool = False


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


@dataclass(frozen=True, kw_only=True)
class ListUnanswered:
    """`/natverk obesvarade [PERIOD]`: what the bot could not answer with confidence."""

    period: str | None = None


@dataclass(frozen=True, kw_only=True)
class LinkQuestion:
    """`/natverk koppla ID PASSAGE`: question ID is answered by PASSAGE."""

    question_id: int
    passage: str


@dataclass(frozen=True, kw_only=True)
class AddSynonym:
    """`/natverk synonym TERM = MENING [för KOMMUN]`."""

    term: str
    means: str
    municipality: str | None = None


@dataclass(frozen=True, kw_only=True)
class ListSynonyms:
    """`/natverk synonymer`: the taught synonyms, with their ids."""


@dataclass(frozen=True, kw_only=True)
class RemoveSynonym:
    """`/natverk synonym bort ID` or `/natverk synonym bort TERM = MENING [för KOMMUN]`
    (without a municipality: wherever it was taught)."""

    synonym_id: int | None = None
    term: str = ""
    means: str = ""
    municipality: str | None = None


NetworkCommand = (
    RegisterRepresentative | RemoveRepresentative | ListNetwork | ExportData | ListUnanswered
    | LinkQuestion | AddSynonym | ListSynonyms | RemoveSynonym
)  # fmt: skip
_LINK = re.compile(r"^#?(\d{1,20})\s+(\S+)$")
_SYNONYM = re.compile(r"^(.+?)\s*=\s*(.+?)(?:\s+(?:för|for|i|in)\s+(\S.*))?$", re.DOTALL)
_SYNONYM_ID = re.compile(r"^#?(\d{1,20})$")
MAX_SYNONYM = 200  # the stored term's, meaning's and municipality's length


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
    user_id, name = _checked_user(user, "network.usage.rep")
    new, department = split_keyword(department, _NEW_DEPARTMENT)
    if new is None:
        department = found.group(2)
        if _NETWORK_KEYWORDS.get(" ".join(fold(department).split())) == "remove":
            # `representant U3 ta bort`: a removal in the wrong order, not a department
            raise UsageError("network.usage.remove", "network.error.remove_order", user=user_id)
    elif not department.strip():
        raise UsageError("network.usage.rep", "command.need_department")
    try:
        department = validation.department_name(department)
    except validation.Invalid as invalid:
        values = validation.strings(invalid.values)
        raise UsageError("network.usage.rep", invalid.key, **values) from None
    return RegisterRepresentative(
        user=user_id, department=department, display_name=name, new_department=new is not None
    )


def _checked_user(text: str, usage: str) -> tuple[str, str | None]:
    """A user id in any platform's syntax and its display name, or a usage error: `<@>`
    or `<@U9|Anna` (a mention cut short) is never registered as a user, nor a name with
    control characters or bidi overrides."""
    user_id, name = normalise_user(text)
    if validation.user_id(user_id) is None:
        raise UsageError(usage, "network.error.user", user=text[:40])
    if name is not None:
        name = " ".join(name.split())[: validation.MAX_DISPLAY_NAME] or None
        if name is not None and validation.has_control(name):
            # A real mention whose name hides characters: say so, not "no user".
            raise UsageError(usage, "contact.error.control")
    return user_id, name


def _remove(rest: str) -> NetworkCommand:
    found = _USER_THEN_REST.match(rest.strip() + " .")
    if not found or found.group(2) != ".":
        raise UsageError("network.usage.remove", "command.need_user")
    user_id, _ = _checked_user(found.group(1), "network.usage.remove")
    return RemoveRepresentative(user=user_id)


def _list_network(rest: str) -> NetworkCommand:
    if rest.strip():
        raise UsageError("network.usage", "command.unknown_word", word=rest.split()[0][:40])
    return ListNetwork()


def _export(rest: str) -> NetworkCommand:
    return ExportData(user=rest.strip())


def _unanswered(rest: str) -> NetworkCommand:
    return ListUnanswered(period=rest.strip() or None)


def _link(rest: str) -> NetworkCommand:
    found = _LINK.match(rest.strip())
    if not found:
        raise UsageError("network.usage.link", "command.need_question_and_passage")
    try:
        question_id = validation.record_id(found.group(1))
    except validation.Invalid as invalid:
        values = validation.strings(invalid.values)
        raise UsageError("network.usage.link", invalid.key, **values) from None
    if question_id is None:
        raise UsageError("network.usage.link", "command.need_question_and_passage")
    return LinkQuestion(question_id=question_id, passage=found.group(2))


def _synonym(rest: str) -> NetworkCommand:
    action, after = split_keyword(rest, _SYNONYM_KEYWORDS)
    if action == "remove" and not after.lstrip().startswith("="):  # `bort = …` teaches `bort`
        return _remove_synonym(after)
    if action == "list" and not after.strip():
        return ListSynonyms()
    term, means, municipality = _synonym_pair(rest, "network.usage.synonym")
    if fold(term) == fold(means):
        raise UsageError("network.usage.synonym", "network.error.synonym_same", term=term[:40])
    return AddSynonym(term=term, means=means, municipality=municipality)


def _synonyms(rest: str) -> NetworkCommand:
    if rest.strip():
        raise UsageError("network.usage", "command.unknown_word", word=rest.split()[0][:40])
    return ListSynonyms()


def _synonym_pair(text: str, usage: str) -> tuple[str, str, str | None]:
    """`TERM = MENING [för KOMMUN]` -> its three parts, each checked for what may be
    stored (a term of only punctuation would match every question)."""
    found = _SYNONYM.match(text.strip())
    if not found or not fold(found.group(1)) or not fold(found.group(2)):
        raise UsageError(usage, "command.need_synonym")
    term, means, municipality = (
        " ".join(part.split()) if part else None for part in found.groups()
    )
    assert term is not None and means is not None
    if "=" in means:  # `KF = KF = KS` would teach that KF means "KF = KS"
        raise UsageError(usage, "network.error.synonym_equals")
    for part in (term, means, municipality):
        if part is not None and validation.has_control(part):
            raise UsageError(usage, "contact.error.control")
        if part is not None and len(part) > MAX_SYNONYM:
            raise UsageError(usage, "network.error.synonym_long", value=part[:40],
                             limit=str(MAX_SYNONYM))  # fmt: skip
    return term, means, municipality


def _remove_synonym(rest: str) -> NetworkCommand:
    usage = "network.usage.synonym_remove"
    found = _SYNONYM_ID.match(rest.strip())
    if found:
        try:
            synonym_id = validation.record_id(found.group(1))
        except validation.Invalid as invalid:
            raise UsageError(usage, invalid.key, **validation.strings(invalid.values)) from None
        if synonym_id is None:
            raise UsageError(usage, "command.need_synonym")
        return RemoveSynonym(synonym_id=synonym_id)
    term, means, municipality = _synonym_pair(rest, usage)
    return RemoveSynonym(term=term, means=means, municipality=municipality)


_SYNONYM_KEYWORDS: Mapping[str, str] = {
    "bort": "remove", "ta bort": "remove", "remove": "remove", "delete": "remove",
    "radera": "remove",
    "lista": "list", "list": "list",
}  # fmt: skip
_NEW_DEPARTMENT: Mapping[str, str] = {
    "ny forvaltning": "new", "ny": "new", "new department": "new", "new": "new",
}  # fmt: skip
_NETWORK_KEYWORDS: Mapping[str, str] = {
    "representant": "rep", "rep": "rep", "representative": "rep", "registrera": "rep",
    "register": "rep",
    "ta bort": "remove", "remove": "remove", "delete": "remove", "radera": "remove",
    "lista": "list", "list": "list",
    "export": "export", "exportera": "export",
    "obesvarade": "unanswered", "unanswered": "unanswered",
    "koppla": "link", "link": "link",
    "synonym": "synonym",
    "synonymer": "synonyms", "synonyms": "synonyms",
}  # fmt: skip
_NETWORK_PARSERS: Mapping[str, Callable[[str], NetworkCommand]] = {
    "rep": _register,
    "remove": _remove,
    "list": _list_network,
    "export": _export,
    "unanswered": _unanswered,
    "link": _link,
    "synonym": _synonym,
    "synonyms": _synonyms,
}


def parse_network(args: str) -> NetworkCommand:
    """What follows `/natverk` -> a command; an empty text lists the network."""
    if not args.strip():
        return ListNetwork()
    action, rest = split_keyword(args, _NETWORK_KEYWORDS)
    if action is None:
        raise UsageError("network.usage", "command.unknown_action", word=args.split()[0][:40])
    return _NETWORK_PARSERS[action](rest)
