"""Answering a question about the contact log from the database.

The reply first restates what was understood ("Kontakter med Tyskland 1 januari–30
november 2026: 4") so the user can check it. A list shows at most `LIST_ROWS` rows and
then a `/kontakt lista` command for the rest. A question understood only in part gets
what was and was not understood, never a figure or a list that may be wrong.

Permissions are the contact log's: counts and rankings for everyone; an entry's partner
and description only to the coordinator, to the one who logged it, and to the
representatives of its department (as `/kontakt visa`). A partner's name is shown, in
the restatement and in a ranking by partner, only to one who may see an entry with that
partner; anyone else gets the words they typed back, so trying words reveals no names.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from bot.features.contacts import vocabulary
from bot.features.log_questions.texts import t
from bot.features.log_questions.understand import (
    Lexicon,
    LogQuestion,
    PartnerNames,
    might_be_about_the_log,
    understand,
)
from bot.features.report.formatting import format_money
from bot.features.report.periods import ReversedPeriod, date_range_label
from bot.kernel.calendar import Tertial
from bot.kernel.messages import Language, Reply, Text
from bot.kernel.turn import Turn
from bot.store import log_queries
from bot.store import network as network_store
from bot.store.db import Database
from bot.store.log_queries import LogFilter, LogRow

LIST_ROWS = 20
# A direction is what kinds of contact mean: a delegation comes to us; on a study visit
# or at a conference we go to them. The reply names the kinds, so the user can check.
DIRECTION_KINDS = {
    "incoming": frozenset({"delegation"}),
    "outgoing": frozenset({"study_visit", "conference"}),
}


@dataclass(frozen=True, kw_only=True)
class Viewer:
    """Who asks, as far as what they may see goes."""

    user: str
    coordinator: bool
    department_id: int | None  # their seat's department, None without a seat
    has_seat: bool

    def may_see(self, row: LogRow) -> bool:
        return (
            self.coordinator
            or row.created_by == self.user
            or (self.department_id is not None and row.department_id == self.department_id)
        )

    async def partners_seen(self, db: Database, names: frozenset[str]) -> frozenset[str]:
        """The names among `names` this viewer may see (as in the lists)."""
        if self.coordinator:
            return names
        seen = await log_queries.partners_seen(
            db, names, department_id=self.department_id, user=self.user
        )
        return frozenset(seen)


async def viewer(turn: Turn) -> Viewer:
    seat = await network_store.seat_of(turn.services.db, turn.user)
    return Viewer(
        user=turn.user,
        coordinator=turn.is_coordinator,
        department_id=seat.department_id if seat else None,
        has_seat=seat is not None,
    )


@dataclass(frozen=True)
class _Held:
    """The log's partners and funders as last read, and the log's version then."""

    version: int
    read_at: float
    partners: PartnerNames
    funders: tuple[str, ...]


# Reading every partner name takes a scan of the log (0.2 s at 100,000 contacts), so
# the names are kept per database until the log changes (every change is audited, and
# the audit's newest id is one index lookup), and at most HOLD_SECONDS in any case.
HOLD_SECONDS = 300.0
_held: WeakKeyDictionary[Database, _Held] = WeakKeyDictionary()


async def _log_names(db: Database) -> _Held:
    version = await log_queries.version(db)
    held = _held.get(db)
    now = time.monotonic()
    if held is None or held.version != version or now - held.read_at > HOLD_SECONDS:
        partners = PartnerNames.of(await log_queries.partner_names(db))
        held = _Held(version, now, partners, tuple(await log_queries.funder_names(db)))
        _held[db] = held
    return held


async def lexicon(turn: Turn) -> Lexicon:
    """What the log and the configuration hold that a question may name."""
    services = turn.services
    names = await _log_names(services.db)
    own = (services.settings.municipality or "").casefold()
    municipalities = {
        document.municipality: (document.municipality, *document.aliases)
        for document in services.index.documents
    }
    departments = await network_store.departments(services.db)
    return Lexicon(
        departments=[(d.id, d.name) for d in departments],
        partners=names.partners,
        funders=names.funders,
        areas=vocabulary.strategic_areas(services.settings, services.index),
        other_municipalities=[
            n for m, all_ in municipalities.items() if m.casefold() != own for n in all_
        ],
        own_municipality=[
            n for m, all_ in municipalities.items() if m.casefold() == own for n in all_
        ],
    )


def to_filter(question: LogQuestion) -> LogFilter:
    countries = question.countries
    if question.region is not None:
        countries = countries | vocabulary.region_members(question.region)
    kinds = question.kinds
    if question.direction is not None and not kinds:
        kinds = DIRECTION_KINDS[question.direction]
    return LogFilter(
        start=question.period.start if question.period else None,
        end=question.period.end if question.period else None,
        countries=countries,
        department_ids=question.department_ids,
        kinds=kinds,
        partners=question.partners,
        areas=question.areas,
        funders=question.funders,
        funded=question.funded,
        youth=question.youth,
    )


def _either(names: Sequence[str], lang: Language) -> str:
    return t("log.or", lang).join(names)


def restate(question: LogQuestion, lexicon: Lexicon, lang: Language, *, partner_names: bool) -> str:
    """What was understood, in words: `Studiebesök med Finland, Socialförvaltningen,
    1 januari–30 november 2026`. The partners by name only with `partner_names` (the
    asker may see them all), otherwise by the words the asker typed."""
    kinds = sorted(vocabulary.kind_label(k, lang) for k in question.kinds)
    head = ", ".join(kinds) if kinds else t("log.contacts", lang)
    # Countries and a region are one place filter (any of them), partners another (any
    # of them); both together narrow to the partners in those places.
    places = [vocabulary.region_label(question.region, lang)] if question.region else []
    places += sorted(vocabulary.country_name(c, lang) for c in question.countries)
    partners = (
        sorted(question.partners)
        if partner_names
        else [f"«{word}»" for word in question.partner_words]
    )
    if partners and places:
        names = _either(partners, lang), _either(places, lang)
        what = f"{head} {t('log.with_in', lang, names=names[0], places=names[1])}"
    elif partners or places:
        what = f"{head} {t('log.with', lang, names=_either(partners or places, lang))}"
    else:
        what = head
    parts = [what]
    departments = [name for ident, name in lexicon.departments if ident in question.department_ids]
    if departments:
        parts.append(_either(sorted(departments), lang))
    if question.direction and not question.kinds:
        parts.append(t(f"log.{question.direction}", lang))
    if question.youth:
        parts.append(t("log.youth", lang))
    if question.areas:
        labels = [vocabulary.area_label(a, lexicon.areas) for a in sorted(question.areas)]
        parts.append(t("log.areas", lang, names=_either(labels, lang)))
    if question.funders:
        parts.append(t("log.funders", lang, names=_either(sorted(question.funders), lang)))
    elif question.funded:
        parts.append(t("log.funded", lang))
    period = question.period
    when = date_range_label(period.start, period.end, lang) if period else t("log.whole_log", lang)
    return f"{', '.join(parts)}, {when}" if len(parts) > 1 else f"{what} {when}"


async def answer(turn: Turn) -> list[Reply] | None:
    """The answer from the log, or None when the question is not about the log."""
    today = turn.services.today()
    if not might_be_about_the_log(turn.args, today):
        return None
    known = await lexicon(turn)
    question = understand(turn.args, known, today)
    if question is None:
        return None
    lang = turn.language
    if question.impossible_day is not None:
        return [Text(body=t("log.no_such_day", lang, value=question.impossible_day))]
    if question.period is not None and question.period.end < question.period.start:
        reversed_ = ReversedPeriod(question.period.start, question.period.end)
        typed = f"{reversed_.start.isoformat()}–{reversed_.end.isoformat()}"
        return [Text(body=turn.t("report.reversed", value=typed, **reversed_.values(lang)))]
    db = turn.services.db
    asker = await viewer(turn)
    shown = await asker.partners_seen(db, question.partners)
    what = restate(question, known, lang, partner_names=shown == question.partners)
    if question.unknown:
        unknown = ", ".join(f"«{word}»" for word in question.unknown)
        return [Text(body=t("log.partly", lang, what=what, unknown=unknown))]
    where = to_filter(question)
    match question.measure:
        case "count":
            count = await log_queries.count(db, where)
            return [Text(body=t("log.count", lang, what=what, count=count))]
        case "participants":
            total, unknown_count = await log_queries.participants(db, where)
            lines = [t("log.participants", lang, what=what, total=total)]
            if unknown_count:
                lines.append(t("log.participants_unknown", lang, unknown=unknown_count))
            return [Text(body="\n".join(lines))]
        case "top":
            assert question.by is not None
            ranked = await log_queries.top(db, where, question.by, question.n)
            seen = None
            if question.by == "partner":
                seen = await asker.partners_seen(db, frozenset(name for name, _ in ranked))
            return [_top(question, ranked, what, lang, seen)]
        case "funding":
            return [await _funding(turn, question, known, where, shown == question.partners)]
        case "distinct":
            assert question.by is not None
            count = await log_queries.distinct(db, where, question.by)
            return [Text(body=t(f"log.distinct.{question.by}", lang, what=what, count=count))]
        case "silent":
            names, total = await log_queries.silent_departments(db, where)
            if not names:
                return [Text(body=t("log.silent_none", lang, what=what, total=total))]
            return [Text(body=t("log.silent", lang, what=what, names=", ".join(names)))]
    return [await _list(turn, asker, question, known, where, what)]


async def _funding(
    turn: Turn, question: LogQuestion, known: Lexicon, where: LogFilter, partner_names: bool
) -> Text:
    """The external funding of the matching entries, per currency."""
    lang = turn.language
    # The sum is of funded entries anyway: the restatement needs no "with funding".
    what = restate(replace(question, funded=None), known, lang, partner_names=partner_names)
    totals, entries = await log_queries.funding(turn.services.db, where)
    if not totals:
        return Text(body=t("log.funding_none", lang, what=what))
    amounts = t("log.and", lang).join(format_money(a, c, lang) for c, a in totals)
    return Text(body=t("log.funding", lang, what=what, amounts=amounts, count=entries))


def _top(
    question: LogQuestion,
    ranked: list[tuple[str, int]],
    what: str,
    lang: Language,
    seen: frozenset[str] | None,
) -> Text:
    """The ranking; partners the asker may not see (not in `seen`) without their name."""
    assert question.by is not None
    group = t(f"log.group.{question.by}", lang)
    title = t("log.top", lang, what=what, group=group)
    if not ranked:
        return Text(body=t("log.count", lang, what=what, count=0))
    hidden = t("log.partner_hidden", lang)

    def label(value: str) -> str:
        if question.by == "country":
            return vocabulary.country_name(value, lang)
        return value if seen is None or value in seen else hidden

    lines = [f"{i}. {label(value)}: {n}" for i, (value, n) in enumerate(ranked, start=1)]
    if seen is not None and any(value not in seen for value, _ in ranked):
        lines.append(t("log.partners_hidden", lang))
    return Text(title=title, body="\n".join(lines))


async def _list(
    turn: Turn,
    asker: Viewer,
    question: LogQuestion,
    known: Lexicon,
    where: LogFilter,
    what: str,
) -> Text:
    lang = turn.language
    found, total = await log_queries.rows(turn.services.db, where, LIST_ROWS)
    title = t("log.count", lang, what=what, count=total)
    if not found:
        return Text(body=title)
    lines = [_line(row, lang, full=asker.may_see(row)) for row in found]
    hidden = sum(not asker.may_see(row) for row in found)
    if total > len(found):
        lines.append(_more(turn, question, known, total - len(found), has_seat=asker.has_seat))
    if hidden:
        lines.append(t("log.hidden", lang, hidden=hidden))
    return Text(title=title, body="\n".join(lines))


def _line(row: LogRow, lang: Language, *, full: bool) -> str:
    country = vocabulary.country_name(row.country, lang)
    kind = vocabulary.kind_label(row.kind, lang)
    if not full:
        return f"{row.date.isoformat()} ({country}) – {kind} – {row.department}"
    line = f"#{row.id} {row.date.isoformat()} {row.partner} ({country}) – {kind} – {row.department}"
    return f"{line}: {row.description}" if row.description else line


def period_word(question: LogQuestion) -> str | None:
    """The period as `/kontakt lista` takes it: `2026`, `2026-T2` or a date range."""
    period = question.period
    if period is None:
        return None
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    tertial = Tertial.of(start)
    if (tertial.start, tertial.end) == (start, end):
        return tertial.label
    return f"{start.isoformat()}..{end.isoformat()}"


def list_command(question: LogQuestion, lexicon: Lexicon, lang: Language) -> str:
    """The `/kontakt lista` command for the question's period and department."""
    words = ["/kontakt lista" if lang == "sv" else "/contact list"]
    period = period_word(question)
    if period:
        words.append(period)
    names = [name for ident, name in lexicon.departments if ident in question.department_ids]
    if len(names) == 1:
        words.append(f"{'förvaltning' if lang == 'sv' else 'department'}: {names[0]}")
    return " ".join(words)


def is_exact(question: LogQuestion, *, coordinator: bool) -> bool:
    """Whether `/kontakt lista` lists exactly the question's contacts: it narrows by
    period and one department only, and lists one's own department unless told another
    (the coordinator: all)."""
    narrowed = (
        question.countries or question.region or question.kinds or question.partners
        or question.areas or question.funders or question.funded or question.youth
        or question.direction or len(question.department_ids) > 1
    )  # fmt: skip
    return not narrowed and (coordinator or len(question.department_ids) == 1)


def _more(turn: Turn, question: LogQuestion, known: Lexicon, more: int, *, has_seat: bool) -> str:
    lang = turn.language
    if not (has_seat or turn.is_coordinator):  # `/kontakt lista` is for the network
        return t("log.more_ask", lang, more=more)
    command = list_command(question, known, lang)
    if is_exact(question, coordinator=turn.is_coordinator):
        return t("log.more", lang, more=more, command=command)
    return t("log.more_wider", lang, more=more, command=command)
