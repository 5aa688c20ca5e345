"""Contact-log rules: validation, permissions, list/show/edit/delete, audit.

Permissions: a representative logs contacts for their own department and edits or
deletes only the entries they logged; the coordinator does everything (including
`förvaltning:`); anyone else is told who to ask. Validation names every problem at once
and stores nothing unless all of it is valid. All text is plain: adapters escape it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping

from bot.features.contacts import grammar as commands
from bot.features.contacts import vocabulary
from bot.features.contacts.fields import (
    ANYWAY,
    Context,
    Parsed,
    check_across,
    describe,
    field_label,
    form_fields,
    one_line,
    validate,
)
from bot.features.contacts.texts import CATALOG, t
from bot.features.report.periods import PeriodError, ReversedPeriod, parse_period
from bot.kernel.feature import Command, Feature, FormSpec
from bot.kernel.grammar import fold, parse_or_explain
from bot.kernel.messages import (
    Error,
    Form,
    FormErrors,
    FormSubmit,
    FormValue,
    Language,
    Reply,
    Text,
    UserError,
)
from bot.kernel.turn import Turn
from bot.store import contacts as repo
from bot.store import network as network_store
from bot.store.models import Contact, Department

FORM_ID = "contact"
LIST_LIMIT = 50


def _summary(errors: Mapping[str, str], lang: Language, *, edit: bool = False) -> str:
    """Every problem, under a heading that says nothing was stored (a new entry) or
    changed (an edit)."""
    lines = [t("contact.edit_rejected" if edit else "contact.rejected", lang, count=len(errors))]
    lines += [f"• {field_label(name, lang)}: {text}" for name, text in errors.items()]
    return "\n".join(lines)


# --- permissions --------------------------------------------------------------------


def _coordinators(turn: Turn) -> str:
    ids = sorted(turn.services.settings.coordinators)
    return ", ".join(ids) if ids else turn.t("contact.no_coordinator")


def refusal(turn: Turn) -> UserError:
    """The clear no for someone who is neither a representative nor the coordinator."""
    return UserError(turn.t("contact.refused", coordinators=_coordinators(turn), user=turn.user))


async def _context(turn: Turn) -> Context:
    db = turn.services.db
    seat = await network_store.seat_of(db, turn.user)
    if seat is None and not turn.is_coordinator:
        raise refusal(turn)
    return Context(
        lang=turn.language,
        today=turn.services.today(),
        areas=vocabulary.strategic_areas(turn.services.settings, turn.services.index),
        departments=await network_store.departments(db),
        seat=seat,
        coordinator=turn.is_coordinator,
    )


def _may_change(contact: Contact, turn: Turn) -> bool:
    return turn.is_coordinator or contact.created_by == turn.user


def _may_see(contact: Contact, ctx: Context, turn: Turn) -> bool:
    if turn.is_coordinator or contact.created_by == turn.user:
        return True
    return ctx.seat is not None and ctx.seat.department_id == contact.department_id


# --- the form -------------------------------------------------------------------------


def contact_form(ctx: Context) -> Form:
    """The contact form; field names are the command's fields in English."""
    return Form(
        form_id=FORM_ID,
        title=ctx.t("contact.form.title"),
        submit_label=ctx.t("contact.form.submit"),
        fields=form_fields(ctx),
        intro=ctx.t("contact.form.intro"),
        language=ctx.lang,
    )


async def build_form(turn: Turn) -> Form:
    """The form as this user sees it now (their department filled in)."""
    return contact_form(await _context(turn))


async def submit_form(turn: Turn, submit: FormSubmit) -> list[Reply]:
    """A submitted contact form: field errors (nothing stored) or the confirmation."""
    ctx = await _context(turn)
    raw = dict(submit.values)
    if not ctx.coordinator and ctx.seat is not None and not raw.get("department"):
        raw.pop("department", None)
    values, errors = _checked(raw, ctx)
    if errors:
        return [FormErrors(form_id=FORM_ID, errors=errors, summary=_summary(errors, ctx.lang))]
    if not values.pop(ANYWAY, False):
        twin = await _likely_duplicate(turn, values)
        # A retried delivery of the submission that stored `twin` is not a duplicate:
        # the store hands back what it stored the first time.
        if twin is not None and twin.idempotency_key != submit.idempotency_key:
            text = ctx.t("contact.duplicate.form", line=one_line(twin, ctx.lang))
            errors = {ANYWAY: text}
            return [FormErrors(form_id=FORM_ID, errors=errors, summary=_summary(errors, ctx.lang))]
    return await _store(turn, ctx, values, idempotency_key=submit.idempotency_key)


def _checked(raw: Mapping[str, FormValue], ctx: Context) -> tuple[Parsed, dict[str, str]]:
    """A new contact's values, every problem at once (fields, then rules across them)."""
    values, errors = validate(raw, ctx, complete=True)
    return values, errors | check_across(values, ctx)


async def _store(
    turn: Turn, ctx: Context, values: Parsed, *, idempotency_key: str | None = None
) -> list[Reply]:
    stored = await repo.add_contact(
        turn.services.db,
        values=values,
        actor=turn.user,
        now=turn.services.clock(),
        idempotency_key=idempotency_key,
    )
    body = describe(stored.contact, lang=ctx.lang, areas=ctx.areas, departments=ctx.departments)
    return [
        Text(
            title=turn.t("contact.saved", id=stored.contact.id),
            body=_with_notes(body, ctx, stored.contact.id),
        )
    ]


def _with_notes(body: str, ctx: Context, contact_id: int) -> str:
    """The entry, then what was understood differently from what was typed."""
    if not ctx.notes:
        return body
    notes = "; ".join(dict.fromkeys(ctx.notes))
    return f"{body}\n{ctx.t('contact.corrections', notes=notes, id=contact_id)}"


# --- the text commands ----------------------------------------------------------------


async def _open_form(turn: Turn, _: commands.ContactCommand) -> list[Reply]:
    ctx = await _context(turn)
    if not turn.capabilities.forms:
        # No form to pick from: the template names the strategic areas' keys instead.
        areas = ", ".join(f"{key} ({label})" for key, label in ctx.areas)
        body = f"{turn.t('contact.usage.new')}\n{turn.t('contact.areas', areas=areas)}"
        return [Text(title=turn.t("contact.console.title"), body=body)]
    return [contact_form(ctx)]


async def _new(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.NewContact)
    ctx = await _context(turn)
    values, errors = _checked(command.fields, ctx)
    if errors:
        raise UserError(_summary(errors, ctx.lang), field_errors=errors)
    key = turn.event.idempotency_key
    if not values.pop(ANYWAY, False):
        twin = await _likely_duplicate(turn, values)
        # A redelivery of the same message (its key) is not a duplicate: it is answered
        # with what the first delivery stored.
        if twin is not None and (key is None or twin.idempotency_key != key):
            line = one_line(twin, ctx.lang)
            return [Text(body=turn.t("contact.duplicate", line=line, id=twin.id))]
    return await _store(turn, ctx, values, idempotency_key=key)


async def _likely_duplicate(turn: Turn, values: Parsed) -> Contact | None:
    """A live entry with the same partner, date and department: most often the same
    contact logged twice (by two people, or after a reply that seemed lost)."""
    partner, date, department_id = (values.get(k) for k in ("partner", "date", "department_id"))
    if not isinstance(partner, str) or not isinstance(department_id, int):
        return None
    assert isinstance(date, dt.date)
    return await repo.find_duplicate(
        turn.services.db, partner=partner, date=date, department_id=department_id,
        normalise=lambda name: fold(name).replace(" ", ""),
    )  # fmt: skip


async def _list(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.ListContacts)
    ctx = await _context(turn)
    department: Department | None = ctx.seat.department if ctx.seat else None
    if command.department is not None:
        values, errors = validate({"department": command.department}, ctx, complete=False)
        if errors:
            raise UserError(errors["department"])
        department = next(d for d in ctx.departments if d.id == values["department_id"])
    elif ctx.coordinator:
        department = None  # the coordinator sees every department
    start = end = None
    if command.period is not None:
        try:
            period = parse_period(command.period, today=ctx.today)
        except ReversedPeriod as error:
            read = error.values(turn.language)
            raise UserError(turn.t("report.reversed", value=command.period, **read)) from None
        except PeriodError:
            raise UserError(turn.t("contact.error.period", value=command.period)) from None
        start, end = period.start, period.end
    page = await repo.list_contacts(
        turn.services.db,
        department_id=department.id if department else None,
        start=start,
        end=end,
        limit=LIST_LIMIT,
    )
    scope = department.name if department else turn.t("contact.list.all")
    if command.period:
        scope = f"{scope}, {command.period}"
    if not page.contacts:
        return [Text(body=turn.t("contact.list.empty", scope=scope))]
    lines = [one_line(c, ctx.lang, departments=ctx.departments) for c in page.contacts]
    if page.total > len(page.contacts):
        lines.append(turn.t("contact.list.more", shown=len(page.contacts), total=page.total))
    return [Text(title=turn.t("contact.list.title", scope=scope, count=page.total),
                 body="\n".join(lines))]  # fmt: skip


async def _visible(turn: Turn, ctx: Context, contact_id: int) -> Contact:
    contact = await repo.get_contact(turn.services.db, contact_id)
    if contact is None:
        await _explain_removed(turn, contact_id)
    if contact is None or not _may_see(contact, ctx, turn):
        raise UserError(turn.t("contact.not_found", id=contact_id))
    return contact


async def _explain_removed(turn: Turn, contact_id: int) -> None:
    """Raise the reply for an entry that was removed, when it is the user's own (or the
    user is the coordinator): where removed entries are seen and brought back. Anyone
    else's removed entry stays `not_found`, so its existence does not leak."""
    removed = await repo.get_deleted(turn.services.db, contact_id)
    if removed is None or not _may_change(removed, turn):
        return
    at = removed.deleted_at.date().isoformat() if removed.deleted_at else "?"
    if turn.is_coordinator:
        raise UserError(turn.t("contact.removed.coordinator", id=contact_id, at=at,
                               by=removed.deleted_by or "?"))  # fmt: skip
    raise UserError(
        turn.t("contact.removed", id=contact_id, at=at, coordinators=_coordinators(turn))
    )


async def _show(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.ShowContact)
    ctx = await _context(turn)
    contact = await _visible(turn, ctx, command.contact_id)
    body = describe(contact, lang=ctx.lang, areas=ctx.areas, departments=ctx.departments)
    return [Text(body=body)]


async def _changeable(turn: Turn, ctx: Context, contact_id: int) -> Contact:
    contact = await _visible(turn, ctx, contact_id)
    if not _may_change(contact, turn):
        raise UserError(
            turn.t("contact.not_yours", id=contact_id, coordinators=_coordinators(turn))
        )
    return contact


async def _edit(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.EditContact)
    ctx = await _context(turn)
    current = await _changeable(turn, ctx, command.contact_id)
    values, errors = validate(command.fields, ctx, complete=False)
    values.pop(ANYWAY, None)  # an edit makes no new entry to confirm
    errors |= check_across(values, ctx, current=current)
    moved = values.get("department_id", current.department_id) != current.department_id
    if moved and not ctx.coordinator:
        # An entry stays with the department it was logged for: a representative who
        # changed department cannot take their old entries along.
        errors["department"] = ctx.t("contact.error.department_move")
    if errors:
        raise UserError(_summary(errors, ctx.lang, edit=True), field_errors=errors)
    result = await repo.update_contact(
        turn.services.db,
        contact_id=command.contact_id,
        changes=values,
        actor=turn.user,
        now=turn.services.clock(),
    )
    if result is None:
        raise UserError(turn.t("contact.not_found", id=command.contact_id))
    contact, diff = result
    title = turn.t("contact.updated" if diff else "contact.unchanged", id=contact.id)
    body = describe(contact, lang=ctx.lang, areas=ctx.areas, departments=ctx.departments)
    return [Text(title=title, body=_with_notes(body, ctx, contact.id))]


async def _delete(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.DeleteContact)
    ctx = await _context(turn)
    contact = await _changeable(turn, ctx, command.contact_id)
    if command.declined:
        return [Text(body=turn.t("contact.delete.declined", line=one_line(contact, ctx.lang)))]
    if not command.confirmed:
        line = one_line(contact, ctx.lang)
        return [Text(body=turn.t("contact.delete.confirm", id=contact.id, line=line))]
    deleted = await repo.delete_contact(
        turn.services.db,
        contact_id=command.contact_id,
        actor=turn.user,
        now=turn.services.clock(),
    )
    if deleted is None:
        raise UserError(turn.t("contact.not_found", id=command.contact_id))
    return [Text(body=turn.t("contact.deleted", id=deleted.id, line=one_line(deleted, ctx.lang)))]


def _coordinator_only(turn: Turn) -> None:
    if not turn.is_coordinator:
        raise UserError(turn.t("contact.coordinator_only", coordinators=_coordinators(turn)))


async def _list_deleted(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.ListDeleted)
    _coordinator_only(turn)
    ctx = await _context(turn)
    db = turn.services.db
    page = await repo.list_deleted(db, limit=LIST_LIMIT)
    await repo.record_view(
        db, actor=turn.user, action="list_deleted", count=len(page.contacts),
        now=turn.services.clock(),
    )  # fmt: skip
    if not page.contacts:
        return [Text(body=turn.t("contact.deleted_list.empty"))]
    lines = [
        turn.t(
            "contact.deleted_list.line",
            line=one_line(c, ctx.lang),
            by=c.deleted_by or "?",
            at=c.deleted_at.date().isoformat() if c.deleted_at else "?",
        )
        for c in page.contacts
    ]
    lines.append(turn.t("contact.deleted_list.restore"))
    return [Text(title=turn.t("contact.deleted_list.title", count=page.total),
                 body="\n".join(lines))]  # fmt: skip


async def _restore(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.RestoreContact)
    _coordinator_only(turn)
    ctx = await _context(turn)
    restored = await repo.restore_contact(
        turn.services.db, contact_id=command.contact_id, actor=turn.user,
        now=turn.services.clock(),
    )  # fmt: skip
    if restored is None:
        raise UserError(turn.t("contact.restore.not_found", id=command.contact_id))
    body = describe(restored, lang=ctx.lang, areas=ctx.areas, departments=ctx.departments)
    return [Text(title=turn.t("contact.restored", id=restored.id), body=body)]


Action = Callable[["Turn", commands.ContactCommand], Awaitable[list[Reply]]]
ACTIONS: Mapping[type, Action] = {
    commands.OpenForm: _open_form,
    commands.NewContact: _new,
    commands.ListContacts: _list,
    commands.ShowContact: _show,
    commands.EditContact: _edit,
    commands.DeleteContact: _delete,
    commands.ListDeleted: _list_deleted,
    commands.RestoreContact: _restore,
}


async def handle(turn: Turn) -> list[Reply]:
    """`/kontakt [ny ... | lista | visa ID | ändra ID; ... | ta bort ID]`."""
    command = parse_or_explain(commands.parse_contact, turn.args, turn.catalog, turn.language)
    return await ACTIONS[type(command)](turn, command)


async def latest(turn: Turn) -> list[Text | Error]:
    """The user's latest entries (as `/kontakt lista` shows them), or why there are none
    to show: for the home tab."""
    try:
        replies = await _list(turn, commands.ListContacts())
    except UserError as error:
        return [Error(body=error.text)]
    return [reply for reply in replies if isinstance(reply, Text)]


FEATURE = Feature(
    name="contacts",
    texts=CATALOG,
    commands={
        "kontakt": Command(handler=handle, language="sv"),
        "contact": Command(handler=handle, language="en"),
    },
    forms={FORM_ID: FormSpec(build=build_form, submit=submit_form)},
)
