"""Contact-log rules: validation, permissions, list/show/edit/delete, audit.

Permissions: a representative logs contacts for their own department and edits or
deletes only the entries they logged; the coordinator does everything (including
`förvaltning:`); anyone else is told who to ask. Validation names every problem at once
and stores nothing unless all of it is valid. All text is plain: adapters escape it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import pycountry

from bot.features.contacts import grammar as commands
from bot.features.contacts import vocabulary
from bot.features.contacts.grammar import UsageError
from bot.features.report.periods import PeriodError, parse_period
from bot.kernel.i18n import t
from bot.kernel.messages import Form, FormErrors, FormField, Reply, Text, UserError
from bot.store import contacts as repo
from bot.store.models import Contact, Department, Representative
from knowledge.language import Language

if TYPE_CHECKING:
    from bot.kernel.bot import Turn

FORM_ID = "contact"
REQUIRED: tuple[str, ...] = ("date", "partner", "country", "kind")
MAX_FUTURE = dt.timedelta(days=365)
MAX_TEXT = {"partner": 300, "city": 200, "funding_source": 200}
MAX_PARTICIPANTS = 1_000_000
MAX_AMOUNT = Decimal("999999999999")
CURRENCIES: tuple[str, ...] = ("SEK", "EUR", "NOK", "DKK", "USD", "GBP")
LIST_LIMIT = 50
FormValue = str | list[str] | bool | None
# Fields in the order the form shows them (and errors are listed).
FIELD_ORDER: tuple[str, ...] = (
    "date", "partner", "city", "country", "kind", "areas", "participants", "youth", "funding",
    "funding_amount", "funding_currency", "funding_source", "description", "follow_up",
    "department",
)  # fmt: skip

# Amounts as written in Swedish and English: 45000, 45 000, 45.000, 45 000,50, 45000.50
_AMOUNT = re.compile(r"^(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+)(?:[,.](\d{1,2}))?(?!\d)")
_CURRENCY_WORDS = {"kr": "SEK", "kronor": "SEK", "sek": "SEK", ":-": "SEK", "€": "EUR",
                   "euro": "EUR", "eur": "EUR", "$": "USD", "£": "GBP"}  # fmt: skip
_YES = frozenset({"ja", "j", "yes", "y", "true", "1", "x", "sant"})
_NO = frozenset({"nej", "n", "no", "false", "0", "", "falskt"})
_NONE = frozenset({"", "-", "ingen", "inga", "none", "no", "nej"})


class Problem(Exception):
    """One field's value is wrong; the text says how to fix it."""


@dataclass(frozen=True, kw_only=True)
class Context:
    """What validation needs to know about the user and the network."""

    lang: Language
    today: dt.date
    areas: Sequence[tuple[str, str]]
    departments: Sequence[Department]
    seat: Representative | None
    coordinator: bool

    def t(self, key: str, /, **values: object) -> str:
        return t(key, self.lang, **values)


# --- field parsers: raw value -> model values, or Problem -----------------------------

Parsed = dict[str, object]


def _text(value: FormValue) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list):
        return ", ".join(value).strip()
    return value.strip()


def _limited(name: str, value: FormValue, ctx: Context) -> str | None:
    text = _text(value)
    limit = MAX_TEXT.get(name)
    if limit is not None and len(text) > limit:
        raise Problem(ctx.t("contact.error.too_long", limit=limit, length=len(text)))
    return text or None


def _date(value: FormValue, ctx: Context) -> Parsed:
    text = _text(value)
    day = vocabulary.parse_date(text, ctx.today)
    if day is None:
        raise Problem(ctx.t("contact.error.date", value=text))
    if day > ctx.today + MAX_FUTURE:
        raise Problem(ctx.t("contact.error.date_future", value=day.isoformat()))
    if day.year < 1950:
        raise Problem(ctx.t("contact.error.date", value=text))
    return {"date": day}


def _partner(value: FormValue, ctx: Context) -> Parsed:
    return {"partner": _limited("partner", value, ctx)}


def _city(value: FormValue, ctx: Context) -> Parsed:
    return {"city": _limited("city", value, ctx)}


def _free(name: str) -> Callable[[FormValue, Context], Parsed]:
    def parse(value: FormValue, ctx: Context) -> Parsed:
        return {name: _limited(name, value, ctx)}

    return parse


def _names(keys: Sequence[str], label: Callable[[str], str], ctx: Context) -> str:
    names = [label(key) for key in keys]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {ctx.t('contact.or')} {names[-1]}"


def _country(value: FormValue, ctx: Context) -> Parsed:
    text = _text(value)
    found = vocabulary.match_country(text)
    if found.key is None:
        nearest = _names(found.nearest, lambda code: vocabulary.country_name(code, ctx.lang), ctx)
        raise Problem(ctx.t("contact.error.country", value=text, nearest=nearest))
    return {"country": found.key}


def _kind(value: FormValue, ctx: Context) -> Parsed:
    text = _text(value)
    found = vocabulary.match_kind(text)
    if found.key is None:
        kinds = ", ".join(label for _, label in vocabulary.kind_options(ctx.lang))
        raise Problem(ctx.t("contact.error.kind", value=text, kinds=kinds))
    return {"kind": found.key}


def _areas(value: FormValue, ctx: Context) -> Parsed:
    if isinstance(value, list):
        wanted = [v.strip() for v in value if v.strip()]
    else:
        wanted = [w.strip() for w in re.split(r",| och | and |/", _text(value)) if w.strip()]
    keys: list[str] = []
    unknown: list[str] = []
    for item in wanted:
        found = vocabulary.match_area(item, ctx.areas)
        if found.key is None:
            unknown.append(item)
        elif found.key not in keys:
            keys.append(found.key)
    if unknown:
        choices = ", ".join(f"{key} ({label})" for key, label in ctx.areas)
        raise Problem(ctx.t("contact.error.areas", value=", ".join(unknown), areas=choices))
    return {"areas": keys}


def _participants(value: FormValue, ctx: Context) -> Parsed:
    text = re.sub(r"[\s\u00a0]", "", _text(value))
    if not text:
        return {"participants": None}
    if not text.isdigit() or int(text) > MAX_PARTICIPANTS:
        raise Problem(ctx.t("contact.error.participants", value=_text(value)))
    return {"participants": int(text)}


def _youth(value: FormValue, ctx: Context) -> Parsed:
    if isinstance(value, bool) or value is None:
        return {"youth": bool(value)}
    text = vocabulary.fold(_text(value))
    if text in _YES:
        return {"youth": True}
    if text in _NO:
        return {"youth": False}
    raise Problem(ctx.t("contact.error.youth", value=_text(value)))


def parse_amount(text: str) -> tuple[Decimal, str] | None:
    """`45 000,50 SEK Erasmus+` -> (Decimal("45000.50"), "SEK Erasmus+"); None if no amount."""
    found = _AMOUNT.match(text.strip())
    if not found:
        return None
    whole = re.sub(r"[^\d]", "", found.group(1))
    cents = found.group(2) or "0"
    try:
        amount = Decimal(f"{whole}.{cents}")
    except InvalidOperation:
        return None
    return amount, text.strip()[found.end() :].strip()


def _currency(text: str) -> tuple[str | None, str]:
    """The currency at the start of `text` (ISO code or kr/€ ...) and the rest."""
    word, _, rest = text.strip().partition(" ")
    folded = word.casefold()
    if folded in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[folded], rest.strip()
    if len(word) == 3 and word.isalpha() and pycountry.currencies.get(alpha_3=word.upper()):
        return word.upper(), rest.strip()
    return None, text.strip()


def _checked_amount(text: str, ctx: Context) -> tuple[Decimal, str]:
    parsed = parse_amount(text)
    if parsed is None or parsed[0] <= 0 or parsed[0] > MAX_AMOUNT:
        raise Problem(ctx.t("contact.error.funding", value=text))
    return parsed


def _funding(value: FormValue, ctx: Context) -> Parsed:
    """The one-line form: `45000 SEK Erasmus+` (currency SEK when left out)."""
    text = _text(value)
    if vocabulary.fold(text) in _NONE:
        return {"funding_amount": None, "funding_currency": None, "funding_source": None}
    amount, rest = _checked_amount(text, ctx)
    currency, source = _currency(rest)
    if len(source) > MAX_TEXT["funding_source"]:
        raise Problem(ctx.t("contact.error.too_long", limit=MAX_TEXT["funding_source"],
                            length=len(source)))  # fmt: skip
    return {
        "funding_amount": amount,
        "funding_currency": currency or "SEK",
        "funding_source": source or None,
    }


def _funding_amount(value: FormValue, ctx: Context) -> Parsed:
    text = _text(value)
    if not text:
        return {"funding_amount": None}
    amount, rest = _checked_amount(text, ctx)
    if rest and _currency(rest)[0] is None:
        raise Problem(ctx.t("contact.error.funding", value=text))
    return {"funding_amount": amount}


def _funding_currency(value: FormValue, ctx: Context) -> Parsed:
    text = _text(value)
    if not text:
        return {"funding_currency": None}
    currency, rest = _currency(text)
    if currency is None or rest:
        raise Problem(ctx.t("contact.error.currency", value=text))
    return {"funding_currency": currency}


def _department(value: FormValue, ctx: Context) -> Parsed:
    text = _text(value)
    own = ctx.seat.department if ctx.seat else None
    if not text:
        return {}
    found = vocabulary.match_department(
        text, [(d.id, d.name) for d in ctx.departments], prefix=True
    )
    if found.key is None:
        by_id = {str(d.id): d.name for d in ctx.departments}
        nearest = _names(found.nearest, lambda key: by_id[key], ctx)
        if not nearest:
            raise Problem(ctx.t("contact.error.department_none", value=text))
        raise Problem(ctx.t("contact.error.department", value=text, nearest=nearest))
    if not ctx.coordinator and (own is None or str(own.id) != found.key):
        raise Problem(ctx.t("contact.error.department_not_yours"))
    return {"department_id": int(found.key)}


PARSERS: Mapping[str, Callable[[FormValue, Context], Parsed]] = {
    "date": _date,
    "partner": _partner,
    "city": _city,
    "country": _country,
    "kind": _kind,
    "areas": _areas,
    "participants": _participants,
    "youth": _youth,
    "funding": _funding,
    "funding_amount": _funding_amount,
    "funding_currency": _funding_currency,
    "funding_source": _free("funding_source"),
    "description": _free("description"),
    "follow_up": _free("follow_up"),
    "department": _department,
}


def validate(
    raw: Mapping[str, FormValue], ctx: Context, *, complete: bool
) -> tuple[Parsed, dict[str, str]]:
    """Parse every field; (values, errors by field). `complete`: a new contact, so the
    required fields must be there; otherwise only the given fields change."""
    values: Parsed = {}
    errors: dict[str, str] = {}
    for name, value in raw.items():
        parser = PARSERS.get(name)
        if parser is None:
            continue
        if name in REQUIRED and not _text(value):
            errors[name] = ctx.t("contact.error.missing." + name)
            continue
        try:
            values.update(parser(value, ctx))
        except Problem as problem:
            errors[name] = str(problem)
    if complete:
        for name in REQUIRED:
            if name not in raw:
                errors[name] = ctx.t("contact.error.missing." + name)
        if "department_id" not in values and "department" not in errors:
            if ctx.seat is not None:
                values["department_id"] = ctx.seat.department_id
            else:
                errors["department"] = ctx.t("contact.error.department_required")
    if values.get("funding_amount") is not None and values.get("funding_currency") is None:
        values["funding_currency"] = "SEK"
    order = {name: n for n, name in enumerate(FIELD_ORDER)}
    return values, dict(sorted(errors.items(), key=lambda item: order.get(item[0], 99)))


def _values(parsed: Parsed) -> repo.ContactValues:
    return repo.ContactValues(**parsed)  # type: ignore[arg-type]


# --- presentation ------------------------------------------------------------------


def _amount(amount: Decimal, lang: Language) -> str:
    whole = f"{amount:,.2f}" if amount % 1 else f"{amount:,.0f}"
    if lang == "sv":
        return whole.replace(",", "\u00a0").replace(".", ",")
    return whole


def field_label(name: str, lang: Language) -> str:
    return t("contact.field." + name, lang)


def _heading(name: str, lang: Language) -> str:
    label = field_label(name, lang)
    return label[:1].upper() + label[1:]


def describe(contact: Contact, *, lang: Language, areas: Sequence[tuple[str, str]]) -> str:
    """A contact in a few readable lines (plain text)."""
    place = ", ".join(
        part for part in (contact.city, vocabulary.country_name(contact.country, lang)) if part
    )
    lines = [
        f"#{contact.id} {contact.date.isoformat()} · {contact.partner} ({place}) · "
        f"{vocabulary.kind_label(contact.kind, lang)}",
        f"{_heading('department', lang)}: {contact.department.name}",
    ]
    extra: list[str] = []
    if contact.areas:
        labels = ", ".join(vocabulary.area_label(key, areas) for key in contact.areas)
        extra.append(f"{_heading('areas', lang)}: {labels}")
    if contact.participants is not None:
        extra.append(f"{_heading('participants', lang)}: {contact.participants}")
    if contact.youth:
        extra.append(f"{_heading('youth', lang)}: {t('contact.yes', lang)}")
    if extra:
        lines.append(" · ".join(extra))
    if contact.funding_amount is not None:
        funding = f"{_amount(contact.funding_amount, lang)} {contact.funding_currency or 'SEK'}"
        if contact.funding_source:
            funding += f" ({contact.funding_source})"
        lines.append(f"{_heading('funding', lang)}: {funding}")
    elif contact.funding_source:
        lines.append(f"{_heading('funding', lang)}: {contact.funding_source}")
    for name in ("description", "follow_up"):
        value = getattr(contact, name)
        if value:
            lines.append(f"{_heading(name, lang)}: {value}")
    return "\n".join(lines)


def one_line(contact: Contact, lang: Language) -> str:
    return (
        f"#{contact.id} {contact.date.isoformat()} {contact.partner} "
        f"({vocabulary.country_name(contact.country, lang)}) – "
        f"{vocabulary.kind_label(contact.kind, lang)} – {contact.department.name}"
    )


def _summary(errors: Mapping[str, str], lang: Language) -> str:
    lines = [t("contact.rejected", lang, count=len(errors))]
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
    seat = await repo.seat_of(db, turn.user)
    if seat is None and not turn.is_coordinator:
        raise refusal(turn)
    return Context(
        lang=turn.language,
        today=_today(turn),
        areas=vocabulary.strategic_areas(turn.services.settings, turn.services.index),
        departments=await repo.departments(db),
        seat=seat,
        coordinator=turn.is_coordinator,
    )


def _today(turn: Turn) -> dt.date:
    return turn.services.clock().date()


def _may_change(contact: Contact, turn: Turn) -> bool:
    return turn.is_coordinator or contact.created_by == turn.user


def _may_see(contact: Contact, ctx: Context, turn: Turn) -> bool:
    if turn.is_coordinator or contact.created_by == turn.user:
        return True
    return ctx.seat is not None and ctx.seat.department_id == contact.department_id


# --- the form -------------------------------------------------------------------------


def contact_form(ctx: Context) -> Form:
    """The contact form; field names are the command's fields in English."""
    lang = ctx.lang

    def label(name: str) -> str:
        return field_label(name, lang)

    own = ctx.seat.department.name if ctx.seat else None
    fields = [
        FormField(name="date", label=label("date"), type="date", required=True,
                  initial=ctx.today.isoformat()),
        FormField(name="partner", label=label("partner"), required=True,
                  placeholder=t("contact.placeholder.partner", lang)),
        FormField(name="city", label=label("city")),
        FormField(name="country", label=label("country"), type="select", required=True,
                  options=vocabulary.country_options(lang)),
        FormField(name="kind", label=label("kind"), type="select", required=True,
                  options=vocabulary.kind_options(lang)),
        FormField(name="areas", label=label("areas"), type="multiselect",
                  options=list(ctx.areas)),
        FormField(name="participants", label=label("participants"), type="number"),
        FormField(name="youth", label=label("youth"), type="toggle",
                  hint=t("contact.hint.youth", lang), initial=False),
        FormField(name="funding_amount", label=label("funding_amount"), type="number",
                  hint=t("contact.hint.funding_amount", lang)),
        FormField(name="funding_currency", label=label("funding_currency"), type="select",
                  options=[(c, c) for c in CURRENCIES], initial="SEK"),
        FormField(name="funding_source", label=label("funding_source"),
                  placeholder="Erasmus+"),
        FormField(name="description", label=label("description"), type="textarea"),
        FormField(name="follow_up", label=label("follow_up"), type="textarea"),
        FormField(name="department", label=label("department"), initial=own,
                  required=own is None,
                  hint=t("contact.hint.department" if ctx.coordinator
                         else "contact.hint.department_fixed", lang)),
    ]  # fmt: skip
    return Form(
        form_id=FORM_ID,
        title=t("contact.form.title", lang),
        submit_label=t("contact.form.submit", lang),
        fields=fields,
        intro=t("contact.form.intro", lang),
        language=lang,
    )


async def handle_form(turn: Turn) -> list[Reply]:
    """A submitted contact form: field errors (nothing stored) or the confirmation."""
    ctx = await _context(turn)
    raw = dict(turn.message.form or {})
    if not ctx.coordinator and ctx.seat is not None and not _text(raw.get("department")):
        raw.pop("department", None)
    values, errors = validate(raw, ctx, complete=True)
    if errors:
        return [FormErrors(form_id=FORM_ID, errors=errors, summary=_summary(errors, ctx.lang))]
    return await _store(turn, ctx, values)


async def _store(turn: Turn, ctx: Context, values: Parsed) -> list[Reply]:
    stored = await repo.add_contact(
        turn.services.db,
        values=_values(values),
        actor=turn.user,
        now=turn.services.clock(),
        idempotency_key=turn.message.idempotency_key,
    )
    return [
        Text(
            title=turn.t("contact.saved", id=stored.contact.id),
            body=describe(stored.contact, lang=ctx.lang, areas=ctx.areas),
        )
    ]


# --- the text commands ----------------------------------------------------------------


async def _open_form(turn: Turn, _: commands.ContactCommand) -> list[Reply]:
    ctx = await _context(turn)
    if turn.message.platform == "console":
        return [Text(title=turn.t("contact.console.title"), body=turn.t("contact.usage.new"))]
    return [contact_form(ctx)]


async def _new(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.NewContact)
    ctx = await _context(turn)
    values, errors = validate(command.fields, ctx, complete=True)
    if errors:
        raise UserError(_summary(errors, ctx.lang), field_errors=errors)
    return await _store(turn, ctx, values)


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
    lines = [one_line(c, ctx.lang) for c in page.contacts]
    if page.total > len(page.contacts):
        lines.append(turn.t("contact.list.more", shown=len(page.contacts), total=page.total))
    return [Text(title=turn.t("contact.list.title", scope=scope, count=page.total),
                 body="\n".join(lines))]  # fmt: skip


async def _visible(turn: Turn, ctx: Context, contact_id: int) -> Contact:
    contact = await repo.get_contact(turn.services.db, contact_id)
    if contact is None or not _may_see(contact, ctx, turn):
        raise UserError(turn.t("contact.not_found", id=contact_id))
    return contact


async def _show(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.ShowContact)
    ctx = await _context(turn)
    contact = await _visible(turn, ctx, command.contact_id)
    return [Text(body=describe(contact, lang=ctx.lang, areas=ctx.areas))]


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
    await _changeable(turn, ctx, command.contact_id)
    values, errors = validate(command.fields, ctx, complete=False)
    if errors:
        raise UserError(_summary(errors, ctx.lang), field_errors=errors)
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
    return [Text(title=title, body=describe(contact, lang=ctx.lang, areas=ctx.areas))]


async def _delete(turn: Turn, command: commands.ContactCommand) -> list[Reply]:
    assert isinstance(command, commands.DeleteContact)
    ctx = await _context(turn)
    await _changeable(turn, ctx, command.contact_id)
    deleted = await repo.delete_contact(
        turn.services.db,
        contact_id=command.contact_id,
        actor=turn.user,
        now=turn.services.clock(),
    )
    if deleted is None:
        raise UserError(turn.t("contact.not_found", id=command.contact_id))
    return [Text(body=turn.t("contact.deleted", id=deleted.id, line=one_line(deleted, ctx.lang)))]


Action = Callable[["Turn", commands.ContactCommand], Awaitable[list[Reply]]]
ACTIONS: Mapping[type, Action] = {
    commands.OpenForm: _open_form,
    commands.NewContact: _new,
    commands.ListContacts: _list,
    commands.ShowContact: _show,
    commands.EditContact: _edit,
    commands.DeleteContact: _delete,
}


def usage_error(error: UsageError, lang: Language) -> UserError:
    problem = t(error.problem, lang, **error.values)
    return UserError(f"{problem}\n{t(error.usage, lang)}")


async def handle(turn: Turn) -> list[Reply]:
    """`/kontakt [ny ... | lista | visa ID | ändra ID; ... | ta bort ID]`."""
    try:
        command = commands.parse_contact(turn.args)
    except UsageError as error:
        raise usage_error(error, turn.language) from None
    return await ACTIONS[type(command)](turn, command)
