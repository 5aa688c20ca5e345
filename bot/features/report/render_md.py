"""The report as Markdown (`intbot report --format md`): the sections as text and tables,
with the same capped activity list as the board's document."""

from __future__ import annotations

from collections.abc import Sequence

from bot.features.report.blocks import Cell, Table, cell_text
from bot.features.report.exportsafe import md_text
from bot.features.report.figures import Activity, Report
from bot.features.report.formatting import format_int
from bot.features.report.layout import activity_table, build_layout
from bot.features.report.render_docx import APPENDIX_ROWS
from bot.features.report.texts import t
from knowledge.language import Language

MEDIA_TYPE = "text/markdown; charset=utf-8"


def _escape(text: str) -> str:
    return md_text(text)


def _cell(value: Cell, lang: Language) -> str:
    """Numbers and dates as they are; any text quoted literally (`exportsafe.md_text`)."""
    text = cell_text(value, lang)
    return md_text(text) if isinstance(value, str) else text


def _table(table: Table, lang: Language) -> list[str]:
    align = ["---:" if num else "---" for num in table.numeric]
    lines = [
        "| " + " | ".join(_escape(h) for h in table.headers) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines.extend("| " + " | ".join(_cell(v, lang) for v in row) + " |" for row in table.rows)
    return [*lines, ""]


def render_md(
    report: Report, activities: Sequence[Activity], *, narrative: str | None = None
) -> bytes:
    lang = report.language
    layout = build_layout(report, narrative=narrative)
    lines = [f"# {_escape(layout.title)}", "", f"*{_escape(layout.subtitle)}*", ""]
    lines.extend(f"- **{_escape(label)}:** {_escape(value)}" for label, value in layout.facts)
    lines.append("")
    for section in layout.sections:
        lines.extend([f"## {_escape(section.heading)}", ""])
        for paragraph in section.paragraphs:
            lines.extend([_escape(paragraph), ""])
        if section.bullets:
            lines.extend([*(f"- {_escape(b)}" for b in section.bullets), ""])
        for table in section.tables:
            lines.extend(_table(table, lang))
    lines.extend([f"## {t('report.section.appendix', lang)}", ""])
    shown = activities[:APPENDIX_ROWS]
    if report.current.total > len(shown):
        lines.extend(
            [
                t(
                    "report.appendix.capped",
                    lang,
                    shown=format_int(len(shown), lang),
                    total=format_int(report.current.total, lang),
                ),
                "",
            ]
        )
    if shown:
        lines.extend(_table(activity_table(shown, lang), lang))
    else:
        lines.extend([t("report.appendix.empty", lang), ""])
    return "\n".join(lines).encode("utf-8")
