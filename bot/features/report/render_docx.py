"""The report as a Word document for the board (python-docx).

Cover (recipient, sender, period), table of contents, then each section of the layout:
its heading, text, chart and tables in that order, so every table and chart sits under
the heading it belongs to; the activity list closes the document as a landscape appendix.
A4 with margins, page numbers in the footer, headings and captions kept with what follows.

Tables are written as WordprocessingML in one parse per table (python-docx's `add_row`
copies the whole row per call and takes seconds for a few thousand rows) and inserted
before the body's closing `sectPr`, where the schema wants them. Column widths come from
the content: a column is at least as wide as its longest word, so names such as
"Kommunstyrelseförvaltningen" are never broken inside the word.
The appendix stops at `APPENDIX_ROWS` entries with a note pointing to the XLSX, which
holds every entry: a board document of hundreds of pages helps no one.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section as DocxSection
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph

from bot.features.report.blocks import Section, Table, cell_text
from bot.features.report.charts import Chart, render_chart, report_charts
from bot.features.report.exportsafe import xml_text
from bot.features.report.figures import Activity, Report
from bot.features.report.formatting import format_date, format_int
from bot.features.report.layout import Layout, activity_table, build_layout
from bot.features.report.texts import t
from knowledge.language import Language

APPENDIX_ROWS = 2000
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ACCENT = RGBColor(0x1F, 0x5F, 0x99)

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)  # A4
MARGIN_SIDE, MARGIN_TOP = Cm(2.2), Cm(2.5)
TWIPS_PER_EMU = 1 / 635
# The document's one typeface. Word has Arial everywhere, and LibreOffice shows it as
# Liberation Sans, whose every glyph is as wide: the board sees the same line breaks in
# either. (The template's theme fonts, Calibri and Cambria, fall back to the much wider
# DejaVu in LibreOffice where they are missing, and broke table words there.)
FONT = "Arial"
# Width of a character in twips at the table's font sizes (10, 9, 8, 7.5 pt), and the cell's
# left and right padding: enough to size columns without measuring glyphs. 0.56 em, the
# widest average per letter of long Swedish names in Liberation Sans ("Samhällsbyggnads-
# nämnden" 0.55; regular weight, a header's bold counts a character more per word).
TABLE_SIZE, APPENDIX_SIZE = 20, 16  # half-points: 10 pt, 8 pt
# 7.5 pt only for a table whose longest words would not fit at 8 pt (the committees with
# their departments beside them): small print is read; a name broken mid-word is misread.
CHAR_TWIPS = {TABLE_SIZE: 112, 18: 101, APPENDIX_SIZE: 90, 15: 84}
CELL_PADDING = 260
# Tables up to this many rows are kept on one page where they fit.
KEEP_TOGETHER_ROWS = 25


def _text_width(section: DocxSection) -> int:
    """The width between the margins, in twips."""
    width = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]
    return int(width * TWIPS_PER_EMU)


def _longest_words(texts: Sequence[Sequence[str]]) -> list[int]:
    """Per column, its longest word in characters; the header row is bold, a character
    wider per word ("Förändring" broke before its last letter)."""
    header, *rows = texts
    return [
        max(
            [len(word) + 1 for word in head.split()]
            + [len(word) for row in rows for word in row[i].split()],
            default=1,
        )
        for i, head in enumerate(header)
    ]


def _fitting_size(texts: Sequence[Sequence[str]], total: int, size: int) -> int:
    """The largest font size, from `size` down to 7.5 pt, at which every column can hold
    its longest word (a date or a name broken across lines is what the board saw)."""
    words = _longest_words(texts)
    for candidate in sorted((s for s in CHAR_TWIPS if s <= size), reverse=True):
        if sum(CELL_PADDING + CHAR_TWIPS[candidate] * n for n in words) <= total:
            return candidate
    return min(CHAR_TWIPS)


def _column_widths(texts: Sequence[Sequence[str]], total: int, size: int) -> list[int]:
    """Widths in twips that fill `total`: each column gets at least its longest word, the
    rest is shared by how much longer its longest line is. The header is bold, a
    character wider per line: a column of years sized to "2025" in regular type broke
    its header as "202/5"."""
    char = CHAR_TWIPS[size]
    header, *rows = texts
    natural = [
        CELL_PADDING
        + char
        * min(
            max(
                [len(line) + 1 for line in head.split("\n")]  # bold: a character wider
                + [len(line) for row in rows for line in row[i].split("\n")]
            ),
            60,
        )
        for i, head in enumerate(header)
    ]
    words = _longest_words(texts)
    floor = [min(n, CELL_PADDING + char * w) for n, w in zip(natural, words, strict=True)]
    if sum(natural) <= total:
        scale = total / sum(natural)
        return [int(n * scale) for n in natural]
    if sum(floor) >= total:  # even the longest words do not fit: share by word length
        scale = total / sum(floor)
        return [int(f * scale) for f in floor]
    spare, wanted = total - sum(floor), sum(n - f for n, f in zip(natural, floor, strict=True))
    return [int(f + (n - f) * spare / wanted) for n, f in zip(natural, floor, strict=True)]


def _cell_xml(
    text: str, *, width: int, right: bool, bold: bool, size: int | None, keep: bool
) -> str:
    props = ("<w:keepNext/>" if keep else "") + ('<w:jc w:val="right"/>' if right else "")
    run_props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    lines = xml_text(text).split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{props}</w:pPr>'
        f"<w:r><w:rPr>{run_props}</w:rPr>{runs}</w:r></w:p></w:tc>"
    )


def _row_xml(
    cells: Sequence[str],
    numeric: Sequence[bool],
    widths: Sequence[int],
    *,
    header: bool,
    size: int | None,
    keep: bool,
) -> str:
    head = "<w:tblHeader/>" if header else ""
    body = "".join(
        _cell_xml(text, width=width, right=num and not header, bold=header, size=size, keep=keep)
        for text, num, width in zip(cells, numeric, widths, strict=True)
    )
    return f"<w:tr><w:trPr>{head}<w:cantSplit/></w:trPr>{body}</w:tr>"


def _add_table(
    doc: Document, table: Table, lang: Language, *, width: int, size: int = TABLE_SIZE
) -> None:
    """A grid table, header row repeated on each page, columns sized to their content.
    A short table is kept on one page (each row kept with the next)."""
    rows = [[cell_text(v, lang) for v in row] for row in table.rows]
    if table.footer is not None:
        rows.append([cell_text(v, lang) for v in table.footer])
    sample = [list(table.headers), *rows[:300]]
    size = _fitting_size(sample, width, size)
    widths = _column_widths(sample, width, size)
    together = len(rows) <= KEEP_TOGETHER_ROWS
    xml_rows = [_row_xml(table.headers, table.numeric, widths, header=True, size=size, keep=True)]
    last = len(rows) - 1
    xml_rows.extend(
        _row_xml(
            row,
            table.numeric,
            widths,
            header=table.footer is not None and i == last,
            size=size,
            keep=together and i < last,
        )
        for i, row in enumerate(rows)
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(xml_rows)}</w:tbl>"
    )
    doc.element.body._insert_tbl(parse_xml(xml))  # before the closing sectPr
    doc.add_paragraph()


def _caption(doc: Document, text: str) -> Paragraph:
    paragraph = doc.add_paragraph(xml_text(text), style="Caption")
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _add_chart(doc: Document, chart: Chart, lang: Language, *, width: int) -> None:
    picture = render_chart(chart, fmt="png", lang=lang)
    doc.add_picture(io.BytesIO(picture), width=Emu(min(Cm(16), width * 635)))


def _heading(doc: Document, text: str, level: int) -> None:
    heading: Paragraph = doc.add_heading(xml_text(text), level=level)
    heading.paragraph_format.keep_with_next = True


def _add_section(
    doc: Document,
    section: Section,
    charts: dict[str, Chart],
    lang: Language,
    *,
    width: int,
) -> None:
    _heading(doc, section.heading, 1)
    # Heading, text and the first chart or table move to a new page together: a heading
    # alone at the foot of a page is what the board saw before.
    follows = bool(section.charts or section.tables) and not section.bullets
    for paragraph in section.paragraphs:
        doc.add_paragraph(xml_text(paragraph)).paragraph_format.keep_with_next = follows
    for bullet in section.bullets:
        doc.add_paragraph(xml_text(bullet), style="List Bullet")
    for key in section.charts:
        if key in charts:
            _caption(doc, charts[key].title)
            _add_chart(doc, charts[key], lang, width=width)
    for table in section.tables:
        _caption(doc, table.title)
        _add_table(doc, table, lang, width=width)


def _cover(doc: Document, layout: Layout, report: Report) -> None:
    lang = report.language
    for _ in range(4):
        doc.add_paragraph()
    doc.add_heading(xml_text(layout.title), level=0)
    subtitle = doc.add_paragraph()
    run = subtitle.add_run(xml_text(layout.subtitle))
    run.font.size = Pt(16)
    run.font.color.rgb = ACCENT
    doc.add_paragraph()
    addressed = [
        (t("report.cover.to", lang), layout.recipient),
        (t("report.cover.from", lang), layout.sender or t("report.author", lang)),
        (t("report.cover.date", lang), format_date(report.generated_at.date(), lang)),
    ]
    for label, value in [*addressed, *layout.facts]:
        if value:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(xml_text(value))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) with the text shown until it is updated."""
    runs = (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:t>{escape(shown)}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    )
    for run in runs:
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{run}</w:r>"))


def _contents(doc: Document, layout: Layout, lang: Language) -> None:
    """A table of contents field over headings 1–2. Word updates it when the document
    opens (`updateFields`); until a program does, it lists the section headings (without
    page numbers), so a reader that never updates fields still sees the contents."""
    title = doc.add_paragraph(t("report.contents", lang), style="TOC Heading")
    title.paragraph_format.keep_with_next = True
    headings = [s.heading for s in layout.sections] + [t("report.section.appendix", lang)]
    first = doc.add_paragraph(style="Normal")
    for run in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
    ):
        first._p.append(parse_xml(f"<w:r {nsdecls('w')}>{run}</w:r>"))
    first.add_run(xml_text(headings[0]))
    last = first
    for heading in headings[1:]:
        last = doc.add_paragraph(xml_text(heading), style="Normal")
    last._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    for paragraph in doc.paragraphs[-len(headings) :]:
        paragraph.paragraph_format.space_after = Pt(2)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))


def _page_setup(section: DocxSection, *, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin = section.bottom_margin = MARGIN_TOP


def _footer(section: DocxSection, layout: Layout, lang: Language) -> None:
    """`Årsuppföljning 2026 · Sida 3 av 12` on every page but the cover."""
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{xml_text(layout.title)} · {t('report.page', lang)} ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" / ")
    _field(paragraph, "NUMPAGES", "1")


def _fonts(doc: Document) -> None:
    """Every style in `FONT`, theme fonts dropped (they win over a named font), but for
    the template's monospaced styles."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        if fonts.get(qn("w:ascii")) == "Courier":
            continue
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{attribute}"), FONT)


def _proofing(doc: Document, lang: Language) -> None:
    r_pr = doc.styles["Normal"].element.get_or_add_rPr()
    lang_el = r_pr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = parse_xml(f"<w:lang {nsdecls('w')}/>")
        r_pr.append(lang_el)
    lang_el.set(qn("w:val"), "en-GB" if lang == "en" else "sv-SE")


def _properties(doc: Document, layout: Layout, report: Report) -> None:
    lang = report.language
    props = doc.core_properties
    municipality = report.policy.municipality if report.policy else layout.subtitle
    # Core properties are UTC ("Z"); python-docx writes the clock time as given.
    created = report.generated_at.astimezone(dt.UTC)
    props.title = layout.title
    props.subject = f"{municipality} – {report.period.label(lang)}"
    props.author = props.last_modified_by = layout.sender or t("report.author", lang)
    props.created = props.modified = created
    props.last_printed = created
    props.revision = 1
    props.language = "en-GB" if lang == "en" else "sv-SE"
    props.keywords = "; ".join([municipality, report.period.label(lang)])
    props.comments = ""
    props.category = ""


def _appendix(doc: Document, report: Report, activities: Sequence[Activity]) -> None:
    lang = report.language
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(section, landscape=True)
    _heading(doc, t("report.section.appendix", lang), 1)
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
        table = activity_table(shown, lang)
        _add_table(doc, table, lang, width=_text_width(section), size=APPENDIX_SIZE)
    else:
        doc.add_paragraph(t("report.appendix.empty", lang))


def render_docx(
    report: Report, activities: Sequence[Activity], *, narrative: str | None = None
) -> bytes:
    """The board's document. `activities` needs at most `APPENDIX_ROWS` entries;
    `narrative` is the coordinator's own text, shown after the summary."""
    lang = report.language
    layout = build_layout(report, narrative=narrative)
    charts = {chart.key: chart for chart in report_charts(report)}
    doc = new_document()
    _properties(doc, layout, report)
    _fonts(doc)
    _proofing(doc, lang)
    first = doc.sections[0]
    _page_setup(first)
    _footer(first, layout, lang)
    _cover(doc, layout, report)
    _contents(doc, layout, lang)
    width = _text_width(first)
    for part in layout.sections:
        _add_section(doc, part, charts, lang, width=width)
    _appendix(doc, report, activities)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
