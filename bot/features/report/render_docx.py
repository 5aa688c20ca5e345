"""The report as a Word document for the board (python-docx): title page, summary,
tables with charts, and the activity list as an appendix.

Table rows are written as WordprocessingML in one parse per table: python-docx's
`add_row` copies the whole row per call and takes seconds for a few thousand rows.
The appendix stops at `APPENDIX_ROWS` entries with a note pointing to the XLSX, which
holds every entry: a board document of hundreds of pages helps no one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from bot.features.report.charts import BarChart, render_chart, report_charts
from bot.features.report.figures import Activity, Report
from bot.features.report.formatting import format_int
from bot.features.report.layout import (
    Layout,
    Section,
    Table,
    activity_table,
    build_layout,
    cell_text,
)
from bot.features.report.texts import t
from knowledge.language import Language

APPENDIX_ROWS = 2000
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ACCENT = RGBColor(0x1F, 0x5F, 0x99)


def _cell_xml(text: str, *, right: bool, bold: bool, size: int | None) -> str:
    props = '<w:jc w:val="right"/>' if right else ""
    run_props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    lines = text.split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return (
        f"<w:tc><w:p><w:pPr>{props}</w:pPr><w:r><w:rPr>{run_props}</w:rPr>{runs}</w:r></w:p></w:tc>"
    )


def _row_xml(
    cells: Sequence[str], numeric: Sequence[bool], *, header: bool, size: int | None
) -> str:
    head = (
        "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
        if header
        else "<w:trPr><w:cantSplit/></w:trPr>"
    )
    body = "".join(
        _cell_xml(text, right=num and not header, bold=header, size=size)
        for text, num in zip(cells, numeric, strict=True)
    )
    return f"<w:tr>{head}{body}</w:tr>"


def _add_table(doc: Document, table: Table, lang: Language, *, size: int | None = None) -> None:
    """A table styled with Word's built-in grid, header row repeated on each page."""
    columns = len(table.headers)
    grid = "".join("<w:gridCol/>" for _ in range(columns))
    rows = [_row_xml(table.headers, table.numeric, header=True, size=size)]
    rows.extend(
        _row_xml([cell_text(v, lang) for v in row], table.numeric, header=False, size=size)
        for row in table.rows
    )
    if table.footer is not None:
        rows.append(
            _row_xml(
                [cell_text(v, lang) for v in table.footer], table.numeric, header=True, size=size
            )
        )
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        '<w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    doc.element.body.append(parse_xml(xml))
    doc.add_paragraph()


def _add_chart(doc: Document, chart: BarChart, lang: Language) -> None:
    picture = render_chart(chart, fmt="png", lang=lang)
    doc.add_picture(io.BytesIO(picture), width=Cm(16))


def _add_section(
    doc: Document, section: Section, charts: dict[str, BarChart], lang: Language
) -> None:
    doc.add_heading(section.heading, level=1)
    for paragraph in section.paragraphs:
        doc.add_paragraph(paragraph)
    for bullet in section.bullets:
        doc.add_paragraph(bullet, style="List Bullet")
    for key in section.charts:
        if key in charts:
            _add_chart(doc, charts[key], lang)
    for table in section.tables:
        _add_table(doc, table, lang)


def _title_page(doc: Document, layout: Layout) -> None:
    for _ in range(6):
        doc.add_paragraph()
    doc.add_heading(layout.title, level=0)
    subtitle = doc.add_paragraph()
    run = subtitle.add_run(layout.subtitle)
    run.font.size = Pt(16)
    run.font.color.rgb = ACCENT
    doc.add_paragraph()
    for label, value in layout.facts:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _swedish_proofing(doc: Document, lang: Language) -> None:
    r_pr = doc.styles["Normal"].element.get_or_add_rPr()
    lang_el = r_pr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = parse_xml(f"<w:lang {nsdecls('w')}/>")
        r_pr.append(lang_el)
    lang_el.set(qn("w:val"), "en-GB" if lang == "en" else "sv-SE")


def _appendix(doc: Document, report: Report, activities: Sequence[Activity]) -> None:
    lang = report.language
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_heading(t("report.section.appendix", lang), level=1)
    total = report.current.total
    shown = activities[:APPENDIX_ROWS]
    if total > len(shown):
        doc.add_paragraph(
            t(
                "report.appendix.capped",
                lang,
                shown=format_int(len(shown), lang),
                total=format_int(total, lang),
            )
        )
    if shown:
        _add_table(doc, activity_table(shown, lang), lang, size=16)
    else:
        doc.add_paragraph(t("report.appendix.empty", lang))


def render_docx(report: Report, activities: Sequence[Activity]) -> bytes:
    """The board's document. `activities` needs at most `APPENDIX_ROWS` entries."""
    lang = report.language
    layout = build_layout(report)
    charts = {chart.key: chart for chart in report_charts(report)}
    doc = new_document()
    doc.core_properties.title = layout.title
    doc.core_properties.subject = layout.subtitle
    doc.core_properties.language = "en-GB" if lang == "en" else "sv-SE"
    doc.core_properties.author = t("report.author", lang)
    _swedish_proofing(doc, lang)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)
    _title_page(doc, layout)
    for part in layout.sections:
        _add_section(doc, part, charts, lang)
    _appendix(doc, report, activities)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
