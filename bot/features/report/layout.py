"""The report's structure once, for every rendering: sections of paragraphs, tables and
charts, built from a `Report`. DOCX, HTML, Markdown and XLSX lay out the same sections,
so a heading or a figure cannot differ between formats.

Cells keep their native values (int, Decimal, date) so the spreadsheet can compute with
them; text renderers format them with `cell_text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import overload

from bot.features.contacts.validation import without_control
from bot.features.report.blocks import Cell, Section, Table, period_heading
from bot.features.report.entries import COLUMNS, POSITION, Activity, EntryColumn
from bot.features.report.figures import Count, Report
from bot.features.report.formatting import (
    change,
    format_date,
    format_int,
    format_money,
)
from bot.features.report.texts import t
from knowledge.language import Language

# Partners named in the list of new partners before "and N more".
NEW_PARTNERS_SHOWN = 40
# Countries in the country table before the rest are summed in one row.
COUNTRIES_SHOWN = 25


@dataclass(frozen=True, kw_only=True)
class Layout:
    title: str
    subtitle: str
    facts: Sequence[tuple[str, str]]  # title page: (label, value)
    sections: Sequence[Section] = field(default_factory=list)
    recipient: str | None = None  # the cover's "Till" (front matter `report_to`)
    sender: str | None = None  # the cover's "Från" (front matter `reported_by`)


def _names(names: Sequence[str], lang: Language, *, none: str) -> str:
    return ", ".join(names) if names else none


def _breakdown(
    *,
    key: str,
    title: str,
    first: str,
    now: Sequence[Count],
    before: Sequence[Count],
    report: Report,
    limit: int | None = None,
) -> Table:
    lang = report.language
    begun = report.begun
    previous = {c.key: c.count for c in before}
    shown = list(now[:limit] if limit else now)
    rows: list[list[Cell]] = [
        [
            c.label,
            c.count,
            c.participants,
            c.youth,
            previous.get(c.key, 0),
            change(c.count, previous.get(c.key, 0), begun=begun),
        ]
        for c in shown
    ]
    rest = list(now[len(shown) :])
    if rest:
        rest_before = sum(previous.get(c.key, 0) for c in rest)
        rest_count = sum(c.count for c in rest)
        rows.append(
            [
                t("report.other_n", lang, n=len(rest)),
                rest_count,
                sum(c.participants for c in rest),
                sum(c.youth for c in rest),
                rest_before,
                change(rest_count, rest_before, begun=begun),
            ]
        )
    return Table(
        key=key,
        title=title,
        headers=[
            first,
            period_heading(report.period, lang),
            t("report.col.participants", lang),
            t("report.col.youth", lang),
            period_heading(report.previous.period, lang),
            t("report.col.change", lang),
        ],
        rows=rows,
        numeric=[False, True, True, True, True, True],
    )


def _summary_table(report: Report) -> Table:
    lang = report.language
    now, then = report.current, report.previous
    begun = report.begun
    rows: list[list[Cell]] = []
    for label, a, b in (
        (t("report.fig.activities", lang), now.total, then.total),
        (t("report.fig.participants", lang), now.participants, then.participants),
        (t("report.fig.youth", lang), now.youth, then.youth),
        (t("report.fig.countries", lang), now.countries, then.countries),
        (t("report.fig.partners", lang), now.partners.total, then.partners.total),
        (t("report.fig.new_partners", lang), now.partners.new, then.partners.new),
        (t("report.fig.departments", lang), len(now.by_department), len(then.by_department)),
        (t("report.fig.funded", lang), now.funded, then.funded),
    ):
        rows.append([label, a, b, change(a, b, begun=begun)])
    # One row per currency, each with its own change: amounts in SEK and EUR are never
    # added, and a fall in EUR must not hide behind a steady SEK total.
    for currency, amount, before in funding_by_currency(report):
        rows.append(
            [
                t("report.fig.funding", lang, currency=currency),
                amount,
                before,
                change(amount, before, begun=begun),
            ]
        )
    return Table(
        key="summary",
        title=t("report.table.key_figures", lang),
        headers=[
            t("report.col.measure", lang),
            period_heading(report.period, lang),
            period_heading(report.previous.period, lang),
            t("report.col.change", lang),
        ],
        rows=rows,
        numeric=[False, True, True, True],
    )


def funding_by_currency(report: Report) -> list[tuple[str, Decimal, Decimal]]:
    """(currency, this period, previous period) for every currency of either period,
    SEK first."""
    now = dict(report.current.funding_totals())
    then = dict(report.previous.funding_totals())
    currencies = sorted(set(now) | set(then), key=lambda c: (c != "SEK", c))
    return [(c, now.get(c, Decimal(0)), then.get(c, Decimal(0))) for c in currencies]


def ongoing_note(report: Report) -> str | None:
    """A note when the period has not ended yet or not begun."""
    lang = report.language
    if not report.begun:
        return t("report.not_begun", lang, date=format_date(report.period.start, lang))
    if report.period.is_partial:
        return t(
            "report.ongoing",
            lang,
            date=format_date(report.period.end, lang),
            previous=report.previous.period.span_label(lang),
        )
    today = report.generated_at.date()
    if report.period.start <= today < report.period.end:  # compiled whole, while it runs
        return t("report.ongoing_whole", lang, date=format_date(today, lang))
    return None


def summary_sentences(report: Report) -> list[str]:
    """The summary in words."""
    lang = report.language
    now, then = report.current, report.previous
    sentences = [] if (note := ongoing_note(report)) is None else [note]
    sentences += [
        t(
            "report.sentence.total",
            lang,
            total=format_int(now.total, lang),
            departments=format_int(len(now.by_department), lang),
            countries=format_int(now.countries, lang),
            previous=format_int(then.total, lang),
            previous_label=then.period.inline_label(lang),
        )
    ]
    if now.by_country:
        top = ", ".join(f"{c.label} ({format_int(c.count, lang)})" for c in now.by_country[:3])
        sentences.append(t("report.sentence.top_countries", lang, countries=top))
    sentences.append(
        t(
            "report.sentence.partners",
            lang,
            total=format_int(now.partners.total, lang),
            new=format_int(now.partners.new, lang),
            continuing=format_int(now.partners.continuing, lang),
        )
    )
    # A period not begun has nothing logged yet: no department or goal "lacks" anything.
    if now.departments_without and report.begun:
        sentences.append(
            t("report.sentence.departments_without", lang, names=", ".join(now.departments_without))
        )
    if report.policy and report.uncovered and report.begun:
        sentences.append(
            t(
                "report.sentence.uncovered",
                lang,
                names="; ".join(area.label for area in report.uncovered),
            )
        )
    return sentences


def _coverage_section(report: Report) -> Section:
    lang = report.language
    key = "coverage"
    heading = t("report.section.coverage", lang)
    if report.policy is None:
        return Section(key=key, heading=heading, paragraphs=[t("report.no_policy", lang)])
    rows: list[list[Cell]] = []
    for area in report.coverage:
        partners = ", ".join(area.partners)
        if area.more_partners:
            partners += " " + t("report.and_more", lang, n=format_int(area.more_partners, lang))
        rows.append(
            [area.label, area.count, area.participants, ", ".join(area.departments), partners]
        )
    paragraphs = [
        t(
            "report.coverage.intro",
            lang,
            policy=report.policy.title,
            municipality=report.policy.municipality,
        )
    ]
    if report.uncovered and report.begun:
        names = "; ".join(area.label for area in report.uncovered)
        paragraphs.append(t("report.coverage.uncovered", lang, names=names))
    elif report.begun:
        paragraphs.append(t("report.coverage.all", lang))
    now = report.current
    if now.without_area:
        paragraphs.append(
            t("report.coverage.without_area", lang, n=format_int(now.without_area, lang))
        )
    if now.other_areas:
        others = ", ".join(f"{c.label} ({format_int(c.count, lang)})" for c in now.other_areas)
        paragraphs.append(t("report.coverage.other_areas", lang, areas=others))
    table = Table(
        key="areas",
        title=heading,
        sheet=t("report.col.area", lang) if lang == "sv" else "Strategic areas",
        headers=[
            t("report.col.area", lang),
            t("report.col.activities", lang),
            t("report.col.participants", lang),
            t("report.col.departments", lang),
            t("report.col.partners", lang),
        ],
        rows=rows,
        numeric=[False, True, True, False, False],
    )
    return Section(
        key=key,
        heading=heading,
        paragraphs=paragraphs,
        tables=[table],
        charts=["area"],
    )


def _funding_section(report: Report) -> Section:
    lang = report.language
    now = report.current
    heading = t("report.section.funding", lang)
    if not now.funding:
        return Section(key="funding", heading=heading, paragraphs=[t("report.funding.none", lang)])
    rows: list[list[Cell]] = [[f.source, f.currency, f.amount, f.count] for f in now.funding]
    totals = "; ".join(format_money(a, c, lang) for c, a in now.funding_totals())
    per_currency = Table(
        key="funding_currency",
        title=t("report.funding.by_currency", lang),
        headers=[
            t("report.col.currency", lang),
            period_heading(report.period, lang),
            period_heading(report.previous.period, lang),
            t("report.col.change", lang),
        ],
        rows=[
            [currency, amount, before, change(amount, before, begun=report.begun)]
            for currency, amount, before in funding_by_currency(report)
        ],
        numeric=[False, True, True, True],
    )
    return Section(
        key="funding",
        heading=heading,
        paragraphs=[
            t("report.funding.intro", lang, total=totals, n=format_int(now.funded, lang)),
            t("report.funding.per_currency", lang),
        ],
        tables=[
            per_currency,
            Table(
                key="funding",
                title=heading,
                headers=[
                    t("report.col.source", lang),
                    t("report.col.currency", lang),
                    t("report.col.amount", lang),
                    t("report.col.activities", lang),
                ],
                rows=rows,
                numeric=[False, False, True, True],
            ),
        ],
    )


def _partners_section(report: Report) -> Section:
    lang = report.language
    partners = report.current.partners
    paragraphs = [
        t(
            "report.partners.intro",
            lang,
            total=format_int(partners.total, lang),
            new=format_int(partners.new, lang),
            continuing=format_int(partners.continuing, lang),
        )
    ]
    names = list(partners.new_names[:NEW_PARTNERS_SHOWN])
    if partners.new > len(names):
        paragraphs.append(
            t("report.partners.more", lang, n=format_int(partners.new - len(names), lang))
        )
    return Section(
        key="partners",
        heading=t("report.section.partners", lang),
        paragraphs=paragraphs,
        bullets=names,
    )


class LazyRows(Sequence[Sequence[Cell]]):
    """Table rows made on demand from the activities, so 100,000 entries are not held
    twice (as activities and as rows) while a spreadsheet or CSV is written."""

    def __init__(self, items: Sequence[Activity], row: Callable[[Activity], list[Cell]]) -> None:
        self._items = items
        self._row = row

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Sequence[Cell]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[Cell]]: ...
    def __getitem__(self, index: int | slice) -> Sequence[Cell] | Sequence[Sequence[Cell]]:
        if isinstance(index, slice):
            return [self._row(item) for item in self._items[index]]
        return self._row(self._items[index])

    def __iter__(self) -> Iterator[Sequence[Cell]]:
        return (self._row(item) for item in self._items)


# The columns a board reads on paper (DOCX, Markdown): a choice of the activity list's.
SHORT_COLUMNS = ("date", "department", "partner", "country", "kind", "participants", "description")


def activity_table(activities: Sequence[Activity], lang: Language, *, full: bool = False) -> Table:
    """The activity list. `full`: every column the field registry lists (spreadsheet,
    CSV); otherwise the columns a board reads on paper. No user ids or representatives'
    names in either."""
    if full:
        columns: Sequence[EntryColumn] = COLUMNS
        rows: Sequence[Sequence[Cell]] = LazyRows(activities, lambda a: list(a.row))
    else:
        columns = [COLUMNS[POSITION[name]] for name in SHORT_COLUMNS]
        rows = [[a.value(name) for name in SHORT_COLUMNS] for a in activities]
    return Table(
        key="activities",
        title=t("report.section.activities", lang),
        headers=[column.heading(lang) for column in columns],
        rows=rows,
        numeric=[column.numeric for column in columns],
    )


def clean_narrative(text: str) -> str:
    """The coordinator's text without control characters and bidi overrides. Pasted
    from a word processor it may carry a vertical tab or form feed for a line break (kept
    as one), a NUL (which PostgreSQL refuses), or an override that makes the council read
    otherwise than was written: dropped, not refused, since the words are theirs."""
    return without_control(text.replace("\x0b", "\n").replace("\x0c", "\n"))


def narrative_section(narrative: str | None, lang: Language) -> Section | None:
    """The coordinator's own text (analysis, conclusions, proposals): paragraphs split at
    blank lines, shown as written, but cleaned (a file given to `intbot report
    --narrative` is not stored first)."""
    text = clean_narrative(narrative or "")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return None
    return Section(
        key="narrative", heading=t("report.section.narrative", lang), paragraphs=paragraphs
    )


def build_layout(report: Report, *, narrative: str | None = None) -> Layout:
    """Sections in board order: summary, the coordinator's narrative, departments, kinds,
    countries, policy coverage, funding, partners, then what the municipality's front
    matter turns on (committees, cooperation across departments, tertials, trend,
    register)."""
    from bot.features.report.layout_extras import optional_sections  # it builds on this module

    lang = report.language
    now, then = report.current, report.previous
    municipality = report.policy.municipality if report.policy else None
    facts = [
        (t("report.fact.period", lang), report.period.span_label(lang)),
        (t("report.fact.compared", lang), then.period.span_label(lang)),
        (t("report.fact.generated", lang), format_date(report.generated_at.date(), lang)),
    ]
    if report.policy:
        facts.insert(0, (t("report.fact.policy", lang), report.policy.title))
    departments = Section(
        key="departments",
        heading=t("report.section.departments", lang),
        paragraphs=[
            t("report.departments.without", lang, names=", ".join(now.departments_without))
            if now.departments_without
            else t("report.departments.all", lang)
        ]
        if report.begun
        else [],
        tables=[
            _breakdown(
                key="departments",
                title=t("report.section.departments", lang),
                first=t("report.col.department", lang),
                now=now.by_department,
                before=then.by_department,
                report=report,
            )
        ],
        charts=["department"],
    )
    kinds = Section(
        key="kinds",
        heading=t("report.section.kinds", lang),
        tables=[
            _breakdown(
                key="kinds",
                title=t("report.section.kinds", lang),
                first=t("report.col.kind", lang),
                now=now.by_kind,
                before=then.by_kind,
                report=report,
            )
        ],
        charts=["kind"],
    )
    countries = Section(
        key="countries",
        heading=t("report.section.countries", lang),
        paragraphs=[
            t(
                "report.countries.intro",
                lang,
                n=format_int(now.countries, lang),
                previous=format_int(then.countries, lang),
            )
        ],
        tables=[
            _breakdown(
                key="countries",
                title=t("report.section.countries", lang),
                first=t("report.col.country", lang),
                now=now.by_country,
                before=then.by_country,
                report=report,
                limit=COUNTRIES_SHOWN,
            )
        ],
        charts=["country"],
    )
    summary = Section(
        key="summary",
        heading=t("report.section.summary", lang),
        paragraphs=summary_sentences(report),
        tables=[_summary_table(report)],
    )
    title_key = "report.title.year" if report.period.kind == "year" else "report.title.period"
    return Layout(
        title=t(title_key, lang, period=report.period.inline_label(lang)),
        subtitle=(
            t("report.subtitle", lang, municipality=municipality)
            if municipality
            else t("report.subtitle_plain", lang)
        ),
        facts=facts,
        recipient=report.policy.report_to if report.policy else None,
        sender=report.policy.reported_by if report.policy else None,
        sections=[
            summary,
            *([] if (told := narrative_section(narrative, lang)) is None else [told]),
            departments,
            kinds,
            countries,
            _coverage_section(report),
            _funding_section(report),
            _partners_section(report),
            *optional_sections(report),
        ],
    )
