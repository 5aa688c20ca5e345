"""The contact log's fields, each defined once: `FIELDS`.

A field's entry says everything the bot does with it: the names it is typed under in
`/kontakt ny` and `ändra`, how a typed or submitted value is checked and becomes model
values, how the form shows it, how an entry describes it, and whether the retention purge
clears it. The grammar, the form (Slack modal, Teams card), validation, `/kontakt visa`
and the purge all read this list, so a new field is one entry here, a model column and
a migration.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from typing import Literal

import pycountry

from bot.features.contacts import validation, vocabulary
from bot.features.contacts.amounts import parse_amount
from bot.features.contacts.texts import t
from bot.kernel.grammar import fold
from bot.kernel.messages import FieldType, FormField, FormValue, Language
from bot.store.models import Contact, Department, Representative

MAX_FUTURE = dt.timedelta(days=365)
MAX_TEXT = {
    "partner": 300,
    "city": 200,
    "funding_source": 200,
    "description": validation.MAX_FREE_TEXT,
    "follow_up": validation.MAX_FREE_TEXT,
    "effects": validation.MAX_FREE_TEXT,
}
EARLIEST_YEAR = 1950
# The furthest an agreement or project may end: later is a typo for a nearer year
# (9999-12-31, 2206 for 2026), not an agreement.
MAX_END_YEARS = 30
ANYWAY = "anyway"  # the confirmation that a likely duplicate is another contact
HOME_COUNTRY = "SE"  # the network's own country: a contact with it is not international
MAX_PARTICIPANTS = 1_000_000
MAX_AMOUNT = Decimal("999999999999")
CURRENCIES: tuple[str, ...] = ("SEK", "EUR", "NOK", "DKK", "USD", "GBP")

_CURRENCY_WORDS = {"kr": "SEK", "kronor": "SEK", "sek": "SEK", ":-": "SEK", "€": "EUR",
                   "euro": "EUR", "eur": "EUR", "$": "USD", "£": "GBP"}  # fmt: skip
_CURRENCY_KEYS = frozenset(_CURRENCY_WORDS)  # may follow an amount with no space
_YES = frozenset({"ja", "j", "yes", "y", "true", "1", "x", "sant"})
_NO = frozenset({"nej", "n", "no", "false", "0", "", "falskt"})
_NONE = frozenset({"", "-", "ingen", "inga", "none", "no", "nej"})

Texts = tuple[str, str]  # (Swedish, English)


class Problem(Exception):
    """One field's value is wrong; the text says how to fix it."""


@dataclass(frozen=True, kw_only=True)
class Context:
    """What validation and the form need to know about the user and the network."""

    lang: Language
    today: dt.date
    areas: Sequence[tuple[str, str]]
    departments: Sequence[Department]
    seat: Representative | None
    coordinator: bool
    # What the parsers understood differently from what was typed ("tolkade ”Estlnd”
    # som Estland"): said with the reply, so no correction is silent.
    notes: list[str] = dc_field(default_factory=list)

    def t(self, key: str, /, **values: object) -> str:
        return t(key, self.lang, **values)

    def corrected(self, typed: str, meant: str) -> None:
        self.notes.append(self.t("contact.corrected", value=typed, meant=meant))


# --- field parsers: raw value -> model values, or Problem -----------------------------

Parsed = dict[str, object]
Parser = Callable[[FormValue, Context], Parsed]


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
    if day.year < EARLIEST_YEAR:
        raise Problem(ctx.t("contact.error.date_early", value=day.isoformat(), year=EARLIEST_YEAR))
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
    if found.key == HOME_COUNTRY:
        home = vocabulary.country_name(HOME_COUNTRY, ctx.lang)
        raise Problem(ctx.t("contact.error.home_country", country=home))
    if found.corrected:
        ctx.corrected(text, vocabulary.country_name(found.key, ctx.lang))
    return {"country": found.key}


def _kind(value: FormValue, ctx: Context) -> Parsed:
    text = _text(value)
    found = vocabulary.match_kind(text)
    if found.key is None:
        kinds = ", ".join(label for _, label in vocabulary.kind_options(ctx.lang))
        raise Problem(ctx.t("contact.error.kind", value=text, kinds=kinds))
    if found.corrected:
        ctx.corrected(text, vocabulary.kind_label(found.key, ctx.lang))
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
            continue
        if found.corrected:
            ctx.corrected(item, vocabulary.area_label(found.key, ctx.areas))
        if found.key not in keys:
            keys.append(found.key)
    if unknown:
        choices = ", ".join(f"{key} ({label})" for key, label in ctx.areas)
        raise Problem(ctx.t("contact.error.areas", value=", ".join(unknown), areas=choices))
    return {"areas": keys}


def _participants(value: FormValue, ctx: Context) -> Parsed:
    text = re.sub(r"[\s\u00a0]", "", _text(value))
    if not text:
        return {"participants": None}
    # ASCII digits only: `²` and `٣` pass str.isdigit() but are not a count anyone typed.
    if not (text.isascii() and text.isdigit()):
        raise Problem(ctx.t("contact.error.participants", value=_text(value)))
    validation.at_most(int(text), MAX_PARTICIPANTS, _text(value))
    return {"participants": int(text)}


def _youth(value: FormValue, ctx: Context) -> Parsed:
    if isinstance(value, bool) or value is None:
        return {"youth": bool(value)}
    text = fold(_text(value))
    if text in _YES:
        return {"youth": True}
    if text in _NO:
        return {"youth": False}
    raise Problem(ctx.t("contact.error.youth", value=_text(value)))


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
    parsed = parse_amount(text, _CURRENCY_KEYS)
    if parsed is None or parsed[0] <= 0:
        raise Problem(ctx.t("contact.error.funding", value=text))
    validation.at_most(parsed[0], MAX_AMOUNT, text)
    return parsed


def _funding(value: FormValue, ctx: Context) -> Parsed:
    """The one-line form: `45000 SEK Erasmus+` (currency SEK when left out)."""
    text = _text(value)
    if fold(text) in _NONE:
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
    name = next(d.name for d in ctx.departments if str(d.id) == found.key)
    if vocabulary.department_key(name) != vocabulary.department_key(text):
        ctx.corrected(text, name)  # a typo or a prefix (`kultur`): say which one it took
    return {"department_id": int(found.key)}


def _end_date(value: FormValue, ctx: Context) -> Parsed:
    """The last day of a project or agreement (Falun limits agreements in time)."""
    text = _text(value)
    if fold(text) in _NONE:
        return {"end_date": None}
    day = vocabulary.parse_date(text, ctx.today)
    if day is None:
        raise Problem(ctx.t("contact.error.date", value=text))
    if day.year < EARLIEST_YEAR:
        raise Problem(ctx.t("contact.error.date_early", value=day.isoformat(), year=EARLIEST_YEAR))
    if day.year > ctx.today.year + MAX_END_YEARS:
        raise Problem(
            ctx.t("contact.error.end_date_future", value=day.isoformat(), years=MAX_END_YEARS)
        )
    return {"end_date": day}


def _co_departments(value: FormValue, ctx: Context) -> Parsed:
    """Other departments taking part (Falun gives priority to cooperation across
    departments): each an existing department, resolved like `förvaltning`. The form
    sends department ids, chat sends names separated by commas (a name may hold `och`)."""
    pairs = [(d.id, d.name) for d in ctx.departments]
    by_id = {str(ident): name for ident, name in pairs}
    if isinstance(value, list):
        wanted = [item.strip() for item in value if item.strip()]
    else:
        text = _text(value)
        wanted = [] if fold(text) in _NONE else [w.strip() for w in text.split(",") if w.strip()]
    ids: list[int] = []
    unknown: list[str] = []
    nearest: list[str] = []
    for item in wanted:
        if isinstance(value, list) and item in by_id:  # the form's choice
            key = item
        else:
            found = vocabulary.match_department(item, pairs, prefix=True)
            if found.key is None:
                unknown.append(item)
                nearest += [k for k in found.nearest if k not in nearest]
                continue
            key = found.key
            if vocabulary.department_key(by_id[key]) != vocabulary.department_key(item):
                ctx.corrected(item, by_id[key])
        if int(key) not in ids:
            ids.append(int(key))
    if unknown:
        typed = ", ".join(unknown)
        if not pairs:
            raise Problem(ctx.t("contact.error.department_none", value=typed))
        near = _names(nearest, lambda key: by_id[key], ctx)
        names = ", ".join(sorted(by_id.values(), key=str.casefold))
        key_text = "contact.error.co_departments" if near else "contact.error.co_departments_far"
        raise Problem(ctx.t(key_text, value=typed, nearest=near, departments=names))
    return {"co_departments": ids}


def _anyway(value: FormValue, ctx: Context) -> Parsed:
    """`ändå: ja` (chat) or the form's checkbox: store a contact that looks like one
    already logged. Not a column: the handlers take it out before the store sees it."""
    return {ANYWAY: _youth(value, ctx)["youth"]}


def _amount(amount: Decimal, lang: Language) -> str:
    whole = f"{amount:,.2f}" if amount % 1 else f"{amount:,.0f}"
    if lang == "sv":
        return whole.replace(",", "\u00a0").replace(".", ",")
    return whole


# --- how the form shows a field --------------------------------------------------------

FormFactory = Callable[["ContactField", Context], FormField | None]  # None: not this time


def _input(
    type: FieldType = "text",
    *,
    required: bool = False,
    options: Callable[[Context], Sequence[tuple[str, str]]] | None = None,
    initial: Callable[[Context], FormValue] | None = None,
    placeholder: Texts | str | None = None,
    hint: Texts | None = None,
) -> FormFactory:
    def build(field: ContactField, ctx: Context) -> FormField:
        return FormField(
            name=field.name,
            label=field.label_in(ctx.lang),
            type=type,
            required=required,
            options=options(ctx) if options else (),
            initial=initial(ctx) if initial else None,
            placeholder=_pick(placeholder, ctx.lang),
            hint=_pick(hint, ctx.lang),
        )

    return build


def _pick(texts: Texts | str | None, lang: Language) -> str | None:
    if texts is None or isinstance(texts, str):
        return texts
    return texts[1] if lang == "en" else texts[0]


def _department_input(field: ContactField, ctx: Context) -> FormField:
    own = ctx.seat.department.name if ctx.seat else None
    key = "contact.hint.department" if ctx.coordinator else "contact.hint.department_fixed"
    return FormField(
        name=field.name,
        label=field.label_in(ctx.lang),
        initial=own,
        required=own is None,
        hint=ctx.t(key),
    )


def _co_departments_input(field: ContactField, ctx: Context) -> FormField | None:
    """A choice of the network's departments; left out while there are none to choose."""
    if not ctx.departments:
        return None
    options = sorted(((str(d.id), d.name) for d in ctx.departments), key=lambda o: o[1].casefold())
    return FormField(
        name=field.name,
        label=field.label_in(ctx.lang),
        type="multiselect",
        options=options,
        hint=ctx.t("contact.hint.co_departments"),
    )


# --- how an entry shows a field ----------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What showing a field may need besides the contact: the language, the policy's
    areas and the network's departments (id -> name)."""

    lang: Language
    areas: Sequence[tuple[str, str]] = ()
    departments: Mapping[int, str] = dc_field(default_factory=dict)


Show = Callable[[Contact, View], str | None]
Placement = Literal["inline", "line"]  # with the short facts on one line, or a line of its own


def _attribute(name: str) -> Show:
    def show(contact: Contact, view: View) -> str | None:
        value = getattr(contact, name)
        if value is None or value == "":
            return None
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    return show


def _show_areas(contact: Contact, view: View) -> str | None:
    return ", ".join(vocabulary.area_label(key, view.areas) for key in contact.areas) or None


def _show_youth(contact: Contact, view: View) -> str | None:
    return t("contact.yes", view.lang) if contact.youth else None


def _show_co_departments(contact: Contact, view: View) -> str | None:
    return ", ".join(co_department_names(contact, view.departments)) or None


def co_department_names(contact: Contact, departments: Mapping[int, str]) -> list[str]:
    """The names of a contact's co-departments, in the order they were given."""
    return [departments.get(ident, f"#{ident}") for ident in contact.co_departments or ()]


def _show_funding(contact: Contact, view: View) -> str | None:
    lang = view.lang
    if contact.funding_amount is None:
        return contact.funding_source
    funding = f"{_amount(contact.funding_amount, lang)} {contact.funding_currency or 'SEK'}"
    return f"{funding} ({contact.funding_source})" if contact.funding_source else funding


# --- how the report's activity list shows a field ----------------------------------------

# What a stored value is, for the report's activity list: `text` is typed by users (a
# spreadsheet must never read it as a formula); `code` is one of a fixed set (a currency);
# `country`, `kind`, `areas`, `department(s)` are keys shown by their labels.
ListedAs = Literal[
    "text", "number", "amount", "date", "code", "yes_no",
    "country", "kind", "areas", "department", "departments",
]  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Listed:
    """A field as a column of the report's activity list (CSV, XLSX, every entry)."""

    header: Texts
    kind: ListedAs = "text"
    width: int = 20  # characters: the spreadsheet's column width
    column: str | None = None  # the model column, when it is not the field's name
    lead: bool = False  # right after the entry's number (when and who), before the rest

    def column_name(self, field: ContactField) -> str:
        return self.column or field.name


# --- the registry ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ContactField:
    """One field of the contact log, as every path sees it."""

    name: str  # canonical (English): the form field's name and the key in errors
    label: Texts
    parse: Parser
    aliases: tuple[str, ...] = ()  # folded names it is typed under; () = not in chat
    form: FormFactory | None = None  # None: not in the form (chat only)
    required: bool = False
    missing: Texts | None = None  # what to write when a required field is left out
    show: Show | None = None  # its value in `/kontakt visa`; None: shown by another field
    placement: Placement = "line"
    purge: bool = False  # free text about people: cleared by the retention purge
    listed: Listed | None = None  # its column in the report's activity list

    def label_in(self, lang: Language) -> str:
        return self.label[1] if lang == "en" else self.label[0]

    def heading(self, lang: Language) -> str:
        label = self.label_in(lang)
        return label[:1].upper() + label[1:]

    def missing_in(self, lang: Language) -> str:
        assert self.missing is not None
        return self.missing[1] if lang == "en" else self.missing[0]


FIELDS: tuple[ContactField, ...] = (
    ContactField(
        name="date", label=("datum", "date"), parse=_date, aliases=("datum", "date", "dag"),
        form=_input("date", required=True, initial=lambda ctx: ctx.today.isoformat()),
        required=True, listed=Listed(header=("Datum", "Date"), kind="date", width=11, lead=True),
        missing=("saknas. Skriv t.ex. datum: 2026-03-12 (eller idag, igår, 12 mars 2026).",
                 "is missing. Write e.g. date: 2026-03-12 (or today, yesterday, 12 March 2026)."),
    ),
    ContactField(
        name="partner", label=("partner", "partner"), parse=_partner,
        aliases=("partner", "partnerorganisation", "organisation", "organization"),
        form=_input(required=True, placeholder=("t.ex. Stadt Wetzlar", "e.g. Stadt Wetzlar")),
        required=True, listed=Listed(header=("Partner", "Partner"), width=34),
        missing=("saknas. Skriv partnerorganisationen, t.ex. partner: Stadt Wetzlar.",
                 "is missing. Write the partner organisation, e.g. partner: Stadt Wetzlar."),
    ),
    ContactField(
        name="city", label=("stad", "city"), parse=_city, aliases=("stad", "ort", "city"),
        form=_input(), listed=Listed(header=("Ort", "City"), width=16),
    ),
    ContactField(
        name="country", label=("land", "country"), parse=_country, aliases=("land", "country"),
        form=_input("select", required=True,
                    options=lambda ctx: [option for option in vocabulary.country_options(ctx.lang)
                                         if option[0] != HOME_COUNTRY]),
        required=True, listed=Listed(header=("Land", "Country"), kind="country", width=14),
        missing=("saknas. Skriv landet, t.ex. land: Tyskland (eller DE).",
                 "is missing. Write the country, e.g. country: Germany (or DE)."),
    ),
    ContactField(
        name="kind", label=("typ", "type"), parse=_kind, aliases=("typ", "type", "kind", "slag"),
        form=_input("select", required=True,
                    options=lambda ctx: vocabulary.kind_options(ctx.lang)),
        required=True, listed=Listed(header=("Typ", "Kind"), kind="kind", width=14),
        missing=("saknas. Skriv typen, t.ex. typ: vänort.",
                 "is missing. Write the type, e.g. type: twin town."),
    ),
    ContactField(
        name="areas", label=("område", "area"), parse=_areas,
        aliases=("omrade", "omraden", "strategiskt omrade", "area", "areas"),
        form=_input("multiselect", options=lambda ctx: list(ctx.areas)),
        show=_show_areas, placement="inline",
        listed=Listed(header=("Strategiskt område", "Strategic area"), kind="areas", width=40),
    ),
    ContactField(
        name="participants", label=("deltagare", "participants"), parse=_participants,
        aliases=("deltagare", "antal deltagare", "participants"),
        form=_input("number"), show=_attribute("participants"), placement="inline",
        listed=Listed(header=("Deltagare", "Participants"), kind="number", width=10),
    ),
    ContactField(
        name="youth", label=("unga", "youth"), parse=_youth,
        aliases=("unga", "ungdomar", "youth"),
        form=_input("toggle", initial=lambda ctx: False,
                    hint=("Unga deltog", "Young people took part")),
        show=_show_youth, placement="inline",
        listed=Listed(header=("Med unga", "With youth"), kind="yes_no", width=8),
    ),
    ContactField(
        name="funding", label=("finansiering", "funding"), parse=_funding,
        aliases=("finansiering", "extern finansiering", "funding"), show=_show_funding,
    ),
    ContactField(
        name="funding_amount", label=("extern finansiering, belopp", "external funding, amount"),
        parse=_funding_amount, form=_input("number", hint=("t.ex. 45 000", "e.g. 45000")),
        listed=Listed(header=("Belopp", "Amount"), kind="amount", width=12),
    ),
    ContactField(
        name="funding_currency", label=("valuta", "currency"), parse=_funding_currency,
        form=_input("select", options=lambda ctx: [(c, c) for c in CURRENCIES],
                    initial=lambda ctx: "SEK"),
        listed=Listed(header=("Valuta", "Currency"), kind="code", width=8),
    ),
    ContactField(
        name="funding_source", label=("finansieringskälla", "funding source"),
        parse=_free("funding_source"), form=_input(placeholder="Erasmus+"),
        listed=Listed(header=("Finansiär", "Source"), width=20),
    ),
    ContactField(
        name="end_date", label=("slutdatum", "end date"), parse=_end_date,
        aliases=("slutdatum", "slut", "end date", "enddate", "end"),
        form=_input("date", hint=("För projekt och avtal: sista dagen",
                                  "For projects and agreements: the last day")),
        show=_attribute("end_date"),
        listed=Listed(header=("Slutdatum", "End date"), kind="date", width=11),
    ),
    ContactField(
        name="description", label=("beskrivning", "description"), parse=_free("description"),
        aliases=("beskrivning", "description"), form=_input("textarea"),
        show=_attribute("description"), purge=True,
        listed=Listed(header=("Beskrivning", "Description"), width=60),
    ),
    ContactField(
        name="follow_up", label=("uppföljning", "follow-up"), parse=_free("follow_up"),
        aliases=("uppfoljning", "follow up", "followup"), form=_input("textarea"),
        show=_attribute("follow_up"), purge=True,
        listed=Listed(header=("Uppföljning", "Follow-up"), width=40),
    ),
    ContactField(
        name="effects", label=("effekter", "effects"), parse=_free("effects"),
        aliases=("effekter", "effekt", "effects", "effect"),
        form=_input("textarea", hint=("Förväntade eller uppnådda effekter, för årets utvärdering",
                                      "Expected or achieved effects, for the yearly evaluation")),
        show=_attribute("effects"), purge=True,
        listed=Listed(header=("Effekter", "Effects"), width=40),
    ),
    ContactField(
        name="department", label=("förvaltning", "department"), parse=_department,
        aliases=("forvaltning", "department"), form=_department_input,
        listed=Listed(header=("Förvaltning", "Department"), kind="department", width=30,
                      column="department_id", lead=True),
    ),
    ContactField(
        name="co_departments", label=("medförvaltningar", "co-departments"),
        parse=_co_departments,
        aliases=("medforvaltningar", "medforvaltning", "co departments", "co department",
                 "codepartments"),
        form=_co_departments_input, show=_show_co_departments,
        listed=Listed(header=("Medförvaltningar", "Co-departments"), kind="departments",
                      width=30),
    ),
    ContactField(
        name="anyway", label=("spara ändå", "save anyway"), parse=_anyway,
        aliases=("anda", "anyway"),
        form=_input("toggle", initial=lambda ctx: False,
                    hint=("Spara även om en likadan kontakt redan finns",
                          "Save even if a similar contact exists")),
    ),
)  # fmt: skip
BY_NAME: Mapping[str, ContactField] = {field.name: field for field in FIELDS}
ALIASES: Mapping[str, str] = {alias: f.name for f in FIELDS for alias in f.aliases}
PURGED: tuple[str, ...] = tuple(field.name for field in FIELDS if field.purge)
# The report's activity list, in its column order: when and who first, then the rest.
LISTED: tuple[ContactField, ...] = tuple(
    sorted((f for f in FIELDS if f.listed), key=lambda f: not (f.listed and f.listed.lead))
)


def _display(alias: str, field: ContactField) -> str:
    """An alias as a user writes it: `uppfoljning` -> `uppföljning` (the label, when the
    alias is the label without diacritics)."""
    return next((label for label in field.label if fold(label) == alias), alias)


# Folded alias -> the way to write it, for "did you mean".
DISPLAY: Mapping[str, str] = {alias: _display(alias, f) for f in FIELDS for alias in f.aliases}


def _checked_raw(name: str, value: FormValue) -> None:
    """Every raw value, before its parser sees it: no control characters, and no longer
    than its field allows (a forged form is held to the chat's limits)."""
    texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    limit = MAX_TEXT.get(name, validation.MAX_SHORT_TEXT)
    for text in texts:
        validation.text(text, limit=limit)
    if isinstance(value, list) and len(value) > validation.MAX_SHORT_TEXT:
        raise validation.Invalid("contact.error.too_many", limit=validation.MAX_SHORT_TEXT)


def field_label(name: str, lang: Language) -> str:
    return BY_NAME[name].label_in(lang)


def validate(
    raw: Mapping[str, FormValue], ctx: Context, *, complete: bool
) -> tuple[Parsed, dict[str, str]]:
    """Parse every field; (values, errors by field). `complete`: a new contact, so the
    required fields must be there; otherwise only the given fields change."""
    values: Parsed = {}
    errors: dict[str, str] = {}
    for name, value in raw.items():
        field = BY_NAME.get(name)
        if field is None:
            continue
        if field.required and not _text(value):
            errors[name] = field.missing_in(ctx.lang)
            continue
        try:
            _checked_raw(name, value)
            values.update(field.parse(value, ctx))
        except validation.Invalid as invalid:
            errors[name] = ctx.t(invalid.key, **invalid.values)
        except Problem as problem:
            errors[name] = str(problem)
    if complete:
        for field in FIELDS:
            if field.required and field.name not in raw:
                errors[field.name] = field.missing_in(ctx.lang)
        if "department_id" not in values and "department" not in errors:
            if ctx.seat is not None:
                values["department_id"] = ctx.seat.department_id
            else:
                errors["department"] = ctx.t("contact.error.department_required")
    if values.get("funding_amount") is not None and values.get("funding_currency") is None:
        values["funding_currency"] = "SEK"
    order = {field.name: n for n, field in enumerate(FIELDS)}
    return values, dict(sorted(errors.items(), key=lambda item: order.get(item[0], 99)))


def check_across(values: Parsed, ctx: Context, *, current: Contact | None = None) -> dict[str, str]:
    """The rules that hold between fields (an edit is checked against the stored entry)."""
    return check_span(values, ctx, current=current) | _check_co_departments(
        values, ctx, current=current
    )


def _check_co_departments(
    values: Parsed, ctx: Context, *, current: Contact | None
) -> dict[str, str]:
    """A co-department is another department than the one the entry is logged for."""
    lead = values.get("department_id", current.department_id if current else None)
    others = values.get("co_departments", current.co_departments if current else None)
    if isinstance(others, list) and lead in others:
        name = next((d.name for d in ctx.departments if d.id == lead), f"#{lead}")
        return {"co_departments": ctx.t("contact.error.co_department_lead", department=name)}
    return {}


def check_span(values: Parsed, ctx: Context, *, current: Contact | None = None) -> dict[str, str]:
    """A project or agreement cannot end before it starts (an edit is checked against
    the stored entry's other date)."""
    start = values.get("date", current.date if current else None)
    end = values.get("end_date", current.end_date if current else None)
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        text = ctx.t("contact.error.end_before_start", end=end.isoformat(), start=start.isoformat())
        return {"end_date": text}
    return {}


def form_fields(ctx: Context) -> list[FormField]:
    built = (field.form(field, ctx) for field in FIELDS if field.form is not None)
    return [form for form in built if form is not None]


def describe(
    contact: Contact,
    *,
    lang: Language,
    areas: Sequence[tuple[str, str]],
    departments: Sequence[Department] = (),
) -> str:
    """A contact in a few readable lines (plain text)."""
    view = View(lang=lang, areas=areas, departments={d.id: d.name for d in departments})
    place = ", ".join(
        part for part in (contact.city, vocabulary.country_name(contact.country, lang)) if part
    )
    lines = [
        f"#{contact.id} {contact.date.isoformat()} · {contact.partner} ({place}) · "
        f"{vocabulary.kind_label(contact.kind, lang)}",
        f"{BY_NAME['department'].heading(lang)}: {contact.department.name}",
    ]
    inline: list[str] = []
    own_lines: list[str] = []
    for field in FIELDS:
        value = field.show(contact, view) if field.show else None
        if value:
            line = f"{field.heading(lang)}: {value}"
            (inline if field.placement == "inline" else own_lines).append(line)
    if inline:
        lines.append(" · ".join(inline))
    return "\n".join(lines + own_lines)


def one_line(contact: Contact, lang: Language, *, departments: Sequence[Department] = ()) -> str:
    """A contact on one line; with the network's `departments`, the co-departments too."""
    span = contact.date.isoformat()
    if contact.end_date is not None:  # a project or agreement: its whole span
        span += f"–{contact.end_date.isoformat()}"
    who = contact.department.name
    if departments and contact.co_departments:
        names = co_department_names(contact, {d.id: d.name for d in departments})
        who += " " + t("contact.together", lang, names=", ".join(names))
    return (
        f"#{contact.id} {span} {contact.partner} "
        f"({vocabulary.country_name(contact.country, lang)}) – "
        f"{vocabulary.kind_label(contact.kind, lang)} – {who}"
    )
