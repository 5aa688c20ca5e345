"""The report as one standalone HTML page for the municipality's website: the same
sections as the board's document, charts as inline SVG, no external resources.

Publication rules: the page holds compiled figures and organisations only. It leaves
out the activity list with its free-text descriptions and follow-up notes (they can
name people and are written for internal use), and it never names users,
representatives or who logged what (the figures carry no such field to begin with).
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from bot.features.report.blocks import Table, cell_text
from bot.features.report.charts import render_chart, report_charts
from bot.features.report.figures import Report
from bot.features.report.layout import build_layout
from bot.features.report.texts import t
from knowledge.language import Language

MEDIA_TYPE = "text/html; charset=utf-8"


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("bot.features.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=False,
        lstrip_blocks=False,
    )


def _text_table(table: Table, language: Language) -> dict[str, object]:
    return {
        "title": table.title,
        "headers": list(table.headers),
        "numeric": list(table.numeric),
        "rows": [[cell_text(v, language) for v in row] for row in table.rows],
    }


def render_html(report: Report, *, narrative: str | None = None) -> bytes:
    lang = report.language
    layout = build_layout(report, narrative=narrative)
    charts = {
        chart.key: {
            "title": chart.title,
            "svg": render_chart(chart, fmt="svg", lang=lang).decode("utf-8"),
        }
        for chart in report_charts(report)
    }
    sections = [
        {
            "key": s.key,
            "heading": s.heading,
            "paragraphs": list(s.paragraphs),
            "bullets": list(s.bullets),
            "charts": list(s.charts),
            "tables": [_text_table(table, lang) for table in s.tables],
        }
        for s in layout.sections
    ]
    template = _environment().get_template("report.html.j2")
    page = template.render(
        lang=lang,
        layout={
            "title": layout.title,
            "subtitle": layout.subtitle,
            "facts": layout.facts,
            "addressed": [
                (t("report.cover.to", lang), layout.recipient),
                (t("report.cover.from", lang), layout.sender),
            ],
            "sections": sections,
        },
        charts=charts,
        chart_note=t("report.html.chart_note", lang),
        privacy=t("report.html.privacy", lang),
    )
    return page.encode("utf-8")
