"""Bar charts of the report's breakdowns: PNG for DOCX, inline SVG for HTML (matplotlib).

Charts are drawn on `matplotlib.figure.Figure` objects (no pyplot state), with the
non-interactive Agg backend, so rendering is safe off the event loop in a thread.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.features.report.blocks import period_heading
from bot.features.report.figures import Count, Report
from bot.features.report.formatting import format_int
from bot.features.report.texts import t

ChartFormat = Literal["png", "svg"]

MAX_BARS = 12
CURRENT_COLOUR = "#1f5f99"
PREVIOUS_COLOUR = "#b5c7d9"


@dataclass(frozen=True, kw_only=True)
class BarChart:
    """Horizontal bars: the period beside the same period a year earlier."""

    key: str  # stable id, e.g. "kind"
    title: str
    labels: Sequence[str]
    current: Sequence[int]
    previous: Sequence[int] | None
    current_label: str
    previous_label: str


def _paired(
    current: Sequence[Count], previous: Sequence[Count], *, keep_zero: bool = False
) -> tuple[list[Count], list[int]]:
    """`keep_zero`: every row stays, with a bar of 0 (a policy goal with no activity is
    the finding, not something to leave out)."""
    before = {c.key: c.count for c in previous}
    rows = [c for c in current if c.count or keep_zero][:MAX_BARS]
    return rows, [before.get(c.key, 0) for c in rows]


@dataclass(frozen=True, kw_only=True)
class LineChart:
    """One line per series over the years (the trend of a policy's goals)."""

    key: str
    title: str
    years: Sequence[str]
    series: Sequence[tuple[str, Sequence[int]]]  # (label, one value per year)


Chart = BarChart | LineChart


def _trend_chart(report: Report) -> LineChart | None:
    extras = report.extras
    if not extras.trend:
        return None
    return LineChart(
        key="trend",
        title=t("report.chart.trend", report.language),
        years=[str(p.year) for p in extras.trend_years],
        series=[(row.label, row.counts) for row in extras.trend if row.key != "total"],
    )


def report_charts(report: Report) -> list[Chart]:
    """The charts a report shows, in order; empty breakdowns are left out."""
    lang = report.language
    now, then = report.current, report.previous
    # The same names as the tables' columns: a running year reads "1 jan–30 nov 2026".
    current_label = period_heading(report.period, lang)
    previous_label = period_heading(report.previous.period, lang)
    charts: list[Chart] = []
    for key, title, cur, prev in (
        ("kind", t("report.chart.kind", lang), now.by_kind, then.by_kind),
        ("department", t("report.chart.department", lang), now.by_department, then.by_department),
        ("country", t("report.chart.country", lang), now.by_country, then.by_country),
        ("area", t("report.chart.area", lang), now.by_area, then.by_area),
    ):
        rows, before = _paired(cur, prev, keep_zero=key == "area")
        if not rows or (not any(row.count for row in rows) and key != "area"):
            continue
        charts.append(
            BarChart(
                key=key,
                title=title,
                labels=[row.label for row in rows],
                current=[row.count for row in rows],
                previous=before,
                current_label=current_label,
                previous_label=previous_label,
            )
        )
    if (trend := _trend_chart(report)) is not None:
        charts.append(trend)
    return charts


def _save(figure: Any, fmt: ChartFormat) -> bytes:
    out = io.BytesIO()
    if fmt == "png":
        figure.savefig(out, format="png", dpi=130, metadata={"Software": None})
        return out.getvalue()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :].encode("utf-8")


def _render_line(chart: LineChart, fmt: ChartFormat) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    settings: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": chart.key,
        "font.size": 9,
        "font.family": "DejaVu Sans",
    }
    with rc_context(settings):  # type: ignore[arg-type]
        height = 3.2 + 0.22 * len(chart.series)
        figure = Figure(figsize=(7.0, height))
        figure.subplots_adjust(
            left=0.08,
            right=0.97,
            top=1 - 0.5 / height,
            bottom=(0.4 + 0.22 * len(chart.series)) / height,
        )
        figure.text(
            0.01, 1 - 0.1 / height, chart.title, va="top", ha="left", fontweight="bold", fontsize=10
        )
        axes = figure.add_subplot()
        # Years at positions with their labels: plotted as strings, matplotlib logs at
        # INFO for every series that they look like numbers (16 lines in the terminal).
        positions = list(range(len(chart.years)))
        for label, values in chart.series:
            axes.plot(positions, list(values), marker="o", label=textwrap.shorten(label, 70))
        axes.set_xticks(positions, list(chart.years))
        axes.spines[["top", "right"]].set_visible(False)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(bottom=0)
        figure.legend(
            loc="lower left", bbox_to_anchor=(0.01, 0.01), ncols=1, frameon=False, fontsize=8
        )
        return _save(figure, fmt)


def render_chart(chart: Chart, *, fmt: ChartFormat, lang: str = "sv") -> bytes:
    """The chart as PNG bytes or SVG text (UTF-8, without the XML prolog)."""
    if isinstance(chart, LineChart):
        return _render_line(chart, fmt)
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    labels = [textwrap.fill(label, 34) for label in chart.labels]
    rows = len(labels)
    lines = sum(label.count("\n") + 1 for label in labels)
    widest = max((len(line) for label in labels for line in label.split("\n")), default=1)
    # A fixed layout from the label sizes: constrained layout would draw every chart twice.
    width_in, top_in, bottom_in = 7.0, 0.6, 0.4
    left_in = 0.25 + 0.068 * widest
    height = top_in + bottom_in + 0.3 * max(rows * (2 if chart.previous else 1), lines)
    settings: dict[str, Any] = {
        "svg.fonttype": "none",  # real text in the SVG: searchable, read by screen readers
        "svg.hashsalt": chart.key,  # stable ids, so the same data gives the same file
        "font.size": 9,
        "font.family": "DejaVu Sans",
    }
    with rc_context(settings):  # type: ignore[arg-type]
        figure = Figure(figsize=(width_in, height))
        figure.subplots_adjust(
            left=min(left_in / width_in, 0.5),
            right=0.95,
            top=1 - top_in / height,
            bottom=bottom_in / height,
        )
        figure.text(
            0.01,
            1 - 0.1 / height,
            chart.title,
            va="top",
            ha="left",
            fontweight="bold",
            fontsize=10,
        )
        axes = figure.add_subplot()
        positions = list(range(rows))
        width = 0.4 if chart.previous else 0.7
        bars = axes.barh(
            [p - (width / 2 if chart.previous else 0) for p in positions],
            chart.current,
            height=width,
            color=CURRENT_COLOUR,
            label=chart.current_label,
        )
        axes.bar_label(
            bars,
            labels=[format_int(v, "en" if lang == "en" else "sv") for v in chart.current],
            padding=2,
            fontsize=8,
        )
        if chart.previous:
            axes.barh(
                [p + width / 2 for p in positions],
                chart.previous,
                height=width,
                color=PREVIOUS_COLOUR,
                label=chart.previous_label,
            )
            figure.legend(
                loc="upper right",
                bbox_to_anchor=(0.99, 1 - 0.05 / height),
                ncols=2,
                frameon=False,
            )
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.spines[["top", "right"]].set_visible(False)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.margins(x=0.12)
        out = io.BytesIO()
        if fmt == "png":
            figure.savefig(out, format="png", dpi=130, metadata={"Software": None})
            return out.getvalue()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :].encode("utf-8")
