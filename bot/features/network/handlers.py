"""Network administration: who represents which department.

`/natverk representant USER FÖRVALTNING` and `ta bort USER` are the coordinator's;
`lista` shows every department with its representatives, and those without one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence

from bot.features.contacts import validation
from bot.features.contacts.vocabulary import (
    department_key,
    match_department,
    similar_departments,
)
from bot.features.network import grammar as commands
from bot.features.network.texts import CATALOG
from bot.features.privacy import data_rights
from bot.features.questions import teaching
from bot.kernel.feature import Command, Feature
from bot.kernel.grammar import parse_or_explain
from bot.kernel.messages import Reply, Text, UserError
from bot.kernel.turn import Turn
from bot.store import network as repo
from bot.store.models import Department, Representative


class ForgivingMatch:
    """A typed department name means the existing department it matches folded and with
    typos (`kulturforvaltningen` is `Kulturförvaltningen`), else a new one."""

    def __call__(self, name: str, existing: Sequence[Department], /) -> Department | None:
        found = match_department(name, [(d.id, d.name) for d in existing])
        return next((d for d in existing if str(d.id) == found.key), None)

    def key(self, name: str, /) -> str:
        return department_key(name)


def _who(seat: Representative) -> str:
    return f"{seat.display_name} ({seat.user_id})" if seat.display_name else seat.user_id


def _coordinator_only(turn: Turn, action: str) -> None:
    """Refuse anyone but the coordinator, naming what only they do (`network.action.*`)."""
    if not turn.is_coordinator:
        coordinators = ", ".join(sorted(turn.services.settings.coordinators))
        raise UserError(
            turn.t(
                "network.coordinator_only",
                coordinators=coordinators or turn.t("contact.no_coordinator"),
                action=turn.t(f"network.action.{action}"),
            )
        )


async def _register(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    assert isinstance(command, commands.RegisterRepresentative)
    _coordinator_only(turn, "seats")
    _check_platform_id(turn, command.user)
    if not command.new_department:
        await _existing_department(turn, command)
    seat = await repo.register_representative(
        turn.services.db,
        user_id=command.user,
        department_name=command.department,
        match=ForgivingMatch(),
        display_name=command.display_name,
        actor=turn.user,
        now=turn.services.clock(),
    )
    department = seat.representative.department.name
    who = _who(seat.representative)
    if seat.unchanged:
        return [Text(body=turn.t("network.rep.unchanged", who=who, department=department))]
    lines = [turn.t("network.rep.registered", who=who, department=department)]
    if seat.department_created:
        lines.append(turn.t("network.department.created", department=department))
    if seat.replaced is not None:
        lines.append(turn.t("network.rep.moved", old=seat.replaced.department.name))
    return [Text(body="\n".join(lines))]


def _check_platform_id(turn: Turn, user: str) -> None:
    """The grammar accepts any platform's user id; here the surface's own syntax is
    required, so a Slack coordinator's `anna` (no mention) is not registered as a user."""
    if validation.user_id(user, turn.capabilities.user_id) is None:
        raise UserError(turn.t("network.error.user_platform", user=user))


async def _existing_department(turn: Turn, command: commands.RegisterRepresentative) -> None:
    """A seat goes to a department the network has. A name that resembles one is asked
    about (`Kultur och fritid` next to `Kultur- och fritidsförvaltningen` is a typo far
    more often than a new department); any other name needs the explicit
    `ny förvaltning NAMN`, so no department is created by accident."""
    existing = [(d.id, d.name) for d in await repo.departments(turn.services.db)]
    if match_department(command.department, existing).key is not None:
        return
    similar = similar_departments(command.department, existing)
    if not similar:
        raise UserError(
            turn.t("network.department.unknown", value=command.department, user=command.user)
        )
    names = {str(ident): name for ident, name in existing}
    meant = [names[key] for key in similar]
    raise UserError(
        turn.t(
            "network.department.did_you_mean",
            value=command.department,
            nearest=f" {turn.t('contact.or')} ".join(meant),
            user=command.user,
            first=meant[0],
        )
    )


async def _remove(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    assert isinstance(command, commands.RemoveRepresentative)
    _coordinator_only(turn, "seats")
    seat = await repo.remove_representative(
        turn.services.db, user_id=command.user, actor=turn.user, now=turn.services.clock()
    )
    if seat is None:
        raise UserError(turn.t("network.rep.not_found", user=command.user))
    return [
        Text(body=turn.t("network.rep.removed", who=_who(seat), department=seat.department.name))
    ]


async def _list(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    departments = await repo.departments(turn.services.db)
    if not departments:
        return [Text(body=turn.t("network.list.empty"))]
    staffed: list[str] = []
    vacant: list[str] = []
    for department in departments:
        seats = [r for r in department.representatives if r.deleted_at is None]
        if seats:
            staffed.append(f"{department.name}: {', '.join(_who(s) for s in seats)}")
        else:
            vacant.append(department.name)
    lines = list(staffed)
    if vacant:
        lines.append(turn.t("network.list.vacant", departments=", ".join(vacant)))
    return [Text(title=turn.t("network.list.title", count=len(departments)), body="\n".join(lines))]


async def _export(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    assert isinstance(command, commands.ExportData)
    return await data_rights.export_reply(turn, command.user)


async def _unanswered(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    assert isinstance(command, commands.ListUnanswered)
    _coordinator_only(turn, "teaching")
    return await teaching.list_unanswered(turn, command.period)


async def _link(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    assert isinstance(command, commands.LinkQuestion)
    _coordinator_only(turn, "teaching")
    return await teaching.link(turn, command.question_id, command.passage)


async def _synonym(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    assert isinstance(command, commands.AddSynonym)
    _coordinator_only(turn, "teaching")
    return await teaching.synonym(turn, command.term, command.means, command.municipality)


async def _synonyms(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    assert isinstance(command, commands.ListSynonyms)
    _coordinator_only(turn, "teaching")
    return await teaching.list_synonyms(turn)


async def _remove_synonym(turn: Turn, command: commands.NetworkCommand) -> list[Reply]:
    assert isinstance(command, commands.RemoveSynonym)
    _coordinator_only(turn, "teaching")
    if command.synonym_id is not None:
        return await teaching.remove_synonym_id(turn, command.synonym_id)
    return await teaching.remove_synonym(turn, command.term, command.means, command.municipality)


Action = Callable[["Turn", commands.NetworkCommand], Awaitable[list[Reply]]]
ACTIONS: Mapping[type, Action] = {
    commands.RegisterRepresentative: _register,
    commands.RemoveRepresentative: _remove,
    commands.ListNetwork: _list,
    commands.ExportData: _export,
    commands.ListUnanswered: _unanswered,
    commands.LinkQuestion: _link,
    commands.AddSynonym: _synonym,
    commands.ListSynonyms: _synonyms,
    commands.RemoveSynonym: _remove_synonym,
}


async def handle(turn: Turn) -> list[Reply]:
    """`/natverk representant USER FÖRVALTNING | ta bort USER | lista | export USER`."""
    command = parse_or_explain(commands.parse_network, turn.args, turn.catalog, turn.language)
    return await ACTIONS[type(command)](turn, command)


FEATURE = Feature(
    name="network",
    texts=CATALOG,
    commands={
        "natverk": Command(handler=handle, language="sv"),
        "nätverk": Command(handler=handle, language="sv"),
        "network": Command(handler=handle, language="en"),
    },
)
