"""The report as a compact chat summary: a `Text` reply the adapters render (Slack
blocks, Teams card, console text). Plain text, Swedish number formats."""

from __future__ import annotations

from collections.abc import Sequence

from bot.features.report.blocks import period_heading
from bot.features.report.figures import Count, Funding, Report
from bot.features.report.formatting import format_change, format_int, format_money
from bot.features.report.layout import funding_by_currency, ongoing_note
from bot.features.report.layout_extras import share
from bot.features.report.texts import t
from bot.kernel.messages import Text
from knowledge.language import Language

TOP = 5


def _with_previous(now: int, before: int, report: Report) -> str:
    lang = report.language
    label = period_heading(report.previous.period, lang)
    change = format_change(now, before, lang, begun=report.begun)
    return f"{format_int(now, lang)} ({label}: {format_int(before, lang)}, {change})"


def _top(rows: Sequence[Count], lang: Language, n: int = TOP) -> str:
    shown = ", ".join(f"{row.label} {format_int(row.count, lang)}" for row in rows[:n])
    rest = len(rows) - n
    return shown + (f" {t('report.and_more', lang, n=format_int(rest, lang))}" if rest > 0 else "")


def _top_per_currency(funding: Sequence[Funding], n: int = 2) -> list[Funding]:
    shown: list[Funding] = []
    for currency in dict.fromkeys(f.currency for f in funding):
        shown += [f for f in funding if f.currency == currency][:n]
    return shown


def _sections(report: Report) -> list[str]:
    """A line for each section the front matter turns on that counts something new:
    effects (Falköping) and activities across several departments (Falun)."""
    lang = report.language
    extras, total = report.extras, report.current.total
    lines = []
    if "effects" in extras.computed:
        described = extras.effects.described
        lines.append(
            t(
                "report.chat.effects",
                lang,
                n=format_int(described, lang),
                total=format_int(total, lang),
                missing=format_int(total - described, lang),
            )
        )
    if "cross" in extras.computed:
        cross = extras.cross
        most = ", ".join(
            f"{d.name} {format_int(d.led + d.joined, lang)}" for d in cross.departments[:3]
        )
        values = {
            "n": format_int(cross.count, lang),
            "total": format_int(total, lang),
            "share": share(cross.count, total),
        }
        if most:
            lines.append(t("report.chat.cross_most", lang, list=most, **values))
        else:
            lines.append(t("report.chat.cross", lang, **values))
    return lines


def summary_text(report: Report, *, filename: str | None = None) -> Text:
    lang = report.language
    now, then = report.current, report.previous
    lines = [
        t(
            "report.chat.span",
            lang,
            span=report.period.span_label(lang),
            previous=then.period.span_label(lang),
        ),
        t("report.chat.activities", lang, value=_with_previous(now.total, then.total, report)),
    ]
    if ongoing := ongoing_note(report):
        lines.insert(1, ongoing)
    if now.total:
        lines += [
            t(
                "report.chat.participants",
                lang,
                value=_with_previous(now.participants, then.participants, report),
            ),
            t("report.chat.youth", lang, value=_with_previous(now.youth, then.youth, report)),
            t(
                "report.chat.countries",
                lang,
                n=format_int(now.countries, lang),
                top=_top(now.by_country, lang),
            ),
            t("report.chat.kinds", lang, list=_top(now.by_kind, lang, 7)),
            t("report.chat.departments", lang, list=_top(now.by_department, lang)),
            t(
                "report.chat.partners",
                lang,
                total=format_int(now.partners.total, lang),
                new=format_int(now.partners.new, lang),
                continuing=format_int(now.partners.continuing, lang),
            ),
        ]
        if now.funding:
            # Per currency, each with its change; the largest sources of every currency
            # (a list of the top three overall left the EUR funders out).
            totals = ", ".join(
                f"{format_money(a, c, lang)} ({format_change(a, b, lang, begun=report.begun)})"
                for c, a, b in funding_by_currency(report)
                if a
            )
            sources = ", ".join(
                f"{f.source} {format_money(f.amount, f.currency, lang)}"
                for f in _top_per_currency(now.funding)
            )
            lines.append(
                t(
                    "report.chat.funding",
                    lang,
                    total=totals,
                    n=format_int(now.funded, lang),
                    list=sources,
                )
            )
        else:
            lines.append(t("report.chat.no_funding", lang))
        lines += _sections(report)
    else:
        lines.append(t("report.chat.empty", lang))
    # A period not begun has nothing logged yet: listing every department and goal as
    # "without activities" would read as a finding.
    if now.departments_without and report.begun:
        lines.append(
            t("report.chat.departments_without", lang, names=", ".join(now.departments_without))
        )
    if report.policy is not None and report.begun:
        if report.uncovered:
            names = "; ".join(area.label for area in report.uncovered)
            lines.append(t("report.chat.uncovered", lang, names=names))
        else:
            lines.append(t("report.chat.all_covered", lang))
    lines.append(
        t("report.chat.file", lang, filename=filename)
        if filename
        else t("report.chat.hint", lang, period=report.period.slug)
    )
    return Text(
        title=t("report.chat.title", lang, period=report.period.inline_label(lang)),
        body="\n".join(lines),
    )
