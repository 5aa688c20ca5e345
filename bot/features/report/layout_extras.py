"""The sections a municipality's front matter turns on, laid out like the rest
(`layout.py`): per committee (Motala, Falköping, Falun), activities across several
departments (Falun, Götene), effects and follow-up (Falköping), tertials (Kungälv), a
trend over up to five years (Götene's "ökad grad" goals) and a register of twin towns,
projects and networks (Falun, Kungälv, Motala).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from bot.features.report.blocks import Cell, Section, Table, period_heading
from bot.features.report.figures import Report
from bot.features.report.formatting import change, format_int
from bot.features.report.options import OptionalSection
from bot.features.report.texts import t
from knowledge.language import Language

# Rows of the register before "and N more": a network's register is a few dozen
# relations, and a log with thousands of partners would otherwise print a hundred pages.
REGISTER_SHOWN = 200


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def committees_section(report: Report) -> Section | None:
    """Departments regrouped under the committee each reports to (front matter)."""
    lang = report.language
    options = report.policy.options if report.policy else None
    if options is None or not options.committees:
        return None
    committee_of = {_fold(d): name for name, deps in options.committees for d in deps}
    now: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    before: dict[str, int] = defaultdict(int)
    members: dict[str, list[str]] = defaultdict(list)
    unmapped: list[str] = []
    for row in report.current.by_department:
        committee = committee_of.get(_fold(row.label))
        if committee is None:
            unmapped.append(row.label)
            continue
        tally = now[committee]
        tally[0] += row.count
        tally[1] += row.participants
        tally[2] += row.youth
        members[committee].append(row.label)
    for row in report.previous.by_department:
        if (committee := committee_of.get(_fold(row.label))) is not None:
            before[committee] += row.count
    rows: list[list[Cell]] = []
    for name, _ in options.committees:
        count, participants, youth = now[name]
        rows.append(
            [
                name,
                count,
                participants,
                youth,
                before[name],
                change(count, before[name], begun=report.begun),
                ", ".join(members[name]),
            ]
        )
    paragraphs = [t("report.committees.intro", lang)]
    if unmapped:
        paragraphs.append(t("report.committees.unmapped", lang, names=", ".join(unmapped)))
    heading = t("report.section.committees", lang)
    return Section(
        key="committees",
        heading=heading,
        paragraphs=paragraphs,
        tables=[
            Table(
                key="committees",
                title=heading,
                sheet=t("report.sheet.committees", lang),
                headers=[
                    t("report.col.committee", lang),
                    period_heading(report.period, lang),
                    t("report.col.participants", lang),
                    t("report.col.youth", lang),
                    period_heading(report.previous.period, lang),
                    t("report.col.change", lang),
                    t("report.col.departments", lang),
                ],
                rows=rows,
                numeric=[False, True, True, True, True, True, False],
            )
        ],
    )


def share(part: int, whole: int) -> str:
    """`40 %` of the period's activities (whole percent; `–` when there are none)."""
    if not whole:
        return "–"
    return f"{round(100 * part / whole)}\u00a0%"


def _more(shown: int, total: int, lang: Language) -> list[str]:
    if total <= shown:
        return []
    return [t("report.entries.more", lang, n=format_int(total - shown, lang))]


def effects_section(report: Report) -> Section | None:
    """Activities with their expected or achieved effects and follow-up, and how many
    lack an evaluation (Falköping: a yearly evaluation against the expected effects)."""
    lang = report.language
    if "effects" not in report.extras.computed:
        return None
    heading = t("report.section.effects", lang)
    effects = report.extras.effects
    total = report.current.total
    missing = total - effects.described
    paragraphs = [
        t(
            "report.effects.intro",
            lang,
            n=format_int(effects.described, lang),
            total=format_int(total, lang),
        ),
        t(
            "report.effects.missing" if missing else "report.effects.none_missing",
            lang,
            n=format_int(missing, lang),
            share=share(missing, total),
        ),
    ]
    if not effects.entries:
        return Section(key="effects", heading=heading, paragraphs=paragraphs)
    # Effects and follow-up in one cell: a fifth column of long words would not fit a
    # page without breaking the department names and dates.
    rows: list[list[Cell]] = [
        [
            e.date,
            e.department,
            e.partner,
            " ".join(
                [
                    e.effects or "",
                    t("report.effects.follow_up", lang, text=e.follow_up) if e.follow_up else "",
                ]
            ).strip(),
        ]
        for e in effects.entries
    ]
    return Section(
        key="effects",
        heading=heading,
        paragraphs=paragraphs + _more(len(rows), effects.described, lang),
        tables=[
            Table(
                key="effects",
                title=heading,
                sheet=t("report.sheet.effects", lang),
                headers=[
                    t("report.col.date", lang),
                    t("report.col.department", lang),
                    t("report.col.partner", lang),
                    t("report.col.effects", lang),
                ],
                rows=rows,
                numeric=[False] * 4,
            )
        ],
    )


def cross_section(report: Report) -> Section | None:
    """Activities carried out by several departments together, from each entry's
    co-departments (Falun gives priority to cooperation across departments)."""
    lang = report.language
    if "cross" not in report.extras.computed:
        return None
    heading = t("report.section.cross", lang)
    cross = report.extras.cross
    total = report.current.total
    intro = t(
        "report.cross.intro",
        lang,
        n=format_int(cross.count, lang),
        total=format_int(total, lang),
        share=share(cross.count, total),
    )
    if not cross.count:
        return Section(
            key="cross", heading=heading, paragraphs=[intro, t("report.cross.none", lang)]
        )
    from bot.features.contacts import vocabulary

    per_department = Table(
        key="cross_departments",
        title=t("report.cross.by_department", lang),
        sheet=t("report.sheet.cross_departments", lang),
        headers=[
            t("report.col.department", lang),
            t("report.col.led", lang),
            t("report.col.joined", lang),
        ],
        rows=[[d.name, d.led, d.joined] for d in cross.departments],
        numeric=[False, True, True],
    )
    entries = Table(
        key="cross",
        title=heading,
        sheet=t("report.sheet.cross", lang),
        headers=[
            t("report.col.date", lang),
            t("report.col.partner", lang),
            t("report.col.kind", lang),
            t("report.col.departments", lang),
        ],
        # The lead department first, marked, then the others: two columns of long
        # department names would not fit a page without breaking the names.
        rows=[
            [
                e.date,
                e.partner,
                vocabulary.kind_label(e.kind, lang),
                ", ".join(
                    [t("report.cross.lead", lang, department=e.department), *e.co_departments]
                ),
            ]
            for e in cross.entries
        ],
        numeric=[False] * 4,
    )
    return Section(
        key="cross",
        heading=heading,
        paragraphs=[
            intro,
            t("report.cross.explained", lang),
            *_more(len(cross.entries), cross.count, lang),
        ],
        tables=[per_department, entries],
    )


def tertials_section(report: Report) -> Section | None:
    lang = report.language
    spans = report.extras.tertials
    if not spans:
        return None
    heading = t("report.section.tertials", lang)
    rows: list[list[Cell]] = []
    for span in spans:
        label = f"Tertial {span.label[1:]} ({span.period.span_label(lang)})"
        if not span.begun:
            rows.append([label, None, None, span.previous, change(0, 0, begun=False)])
            continue
        rows.append(
            [label, span.count, span.participants, span.previous, change(span.count, span.previous)]
        )
    return Section(
        key="tertials",
        heading=heading,
        paragraphs=[t("report.tertials.intro", lang)],
        tables=[
            Table(
                key="tertials",
                title=heading,
                headers=[
                    t("report.col.tertial", lang),
                    t("report.col.activities", lang),
                    t("report.col.participants", lang),
                    str(report.period.year - 1),
                    t("report.col.change", lang),
                ],
                rows=rows,
                numeric=[False, True, True, True, True],
            )
        ],
    )


def trend_section(report: Report) -> Section | None:
    lang = report.language
    extras = report.extras
    if not extras.trend:
        return None
    heading = t("report.section.trend", lang)
    years = extras.trend_years
    span = (
        t("report.trend.same_part", lang, span=period_heading(report.period, lang))
        if report.period.is_partial or report.period.kind != "year"
        else t("report.trend.whole_year", lang)
    )
    rows: list[list[Cell]] = []
    for row in extras.trend:
        label = t("report.trend.total", lang) if row.key == "total" else row.label
        # Against the first year with any activity: years before the log began are not
        # a real zero to grow from.
        first = next((n for n in row.counts[:-1] if n), 0)
        rows.append([label, *row.counts, change(row.counts[-1], first, begun=report.begun)])
    headers = [
        t("report.col.area", lang),
        *(str(y.year) for y in years),
        f"{years[0].year}–{years[-1].year}",
    ]
    return Section(
        key="trend",
        heading=heading,
        paragraphs=[
            t(
                "report.trend.intro",
                lang,
                span=span,
                first=str(years[0].year),
                last=str(years[-1].year),
            )
        ],
        tables=[
            Table(
                key="trend",
                title=heading,
                headers=headers,
                rows=rows,
                numeric=[False, *(True for _ in years), True],
            )
        ],
        charts=["trend"],
    )


def register_section(report: Report) -> Section | None:
    lang = report.language
    extras = report.extras
    if "register" not in extras.computed:
        return None
    heading = t("report.section.register", lang)
    end_note = t(
        "report.register.with_end" if extras.register_has_end else "report.register.no_end", lang
    )
    if not extras.register:
        return Section(
            key="register",
            heading=heading,
            paragraphs=[t("report.register.empty", lang), end_note],
        )
    from bot.features.contacts import vocabulary

    rows: list[list[Cell]] = [
        [
            entry.partner,
            vocabulary.kind_label(entry.kind, lang),
            entry.first,
            entry.latest,
            entry.end,
            entry.count,
            t(f"report.status.{entry.status}", lang),
        ]
        for entry in extras.register[:REGISTER_SHOWN]
    ]
    paragraphs = [t("report.register.intro", lang, end_note=end_note)]
    if len(extras.register) > REGISTER_SHOWN:
        more = format_int(len(extras.register) - REGISTER_SHOWN, lang)
        paragraphs.append(t("report.register.more", lang, n=more))
    return Section(
        key="register",
        heading=heading,
        paragraphs=paragraphs,
        tables=[
            Table(
                key="register",
                title=heading,
                sheet=t("report.sheet.register", lang),
                headers=[
                    t("report.col.partner", lang),
                    t("report.col.kind", lang),
                    t("report.col.first", lang),
                    t("report.col.latest", lang),
                    t("report.col.end", lang),
                    t("report.col.activities", lang),
                    t("report.col.status", lang),
                ],
                rows=rows,
                numeric=[False, False, False, False, False, True, False],
            )
        ],
    )


BUILDERS: dict[OptionalSection, Callable[[Report], Section | None]] = {
    "committees": committees_section,
    "co_departments": cross_section,
    "effects": effects_section,
    "tertials": tertials_section,
    "trend": trend_section,
    "register": register_section,
}


def optional_sections(report: Report) -> list[Section]:
    """The sections the municipality's front matter turns on, in a fixed order."""
    if report.policy is None:
        return []
    built = (BUILDERS[name](report) for name in report.policy.options.sections)
    return [section for section in built if section is not None]
