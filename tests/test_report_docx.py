"""The board's document: every table and chart under its own heading (the body's order),
A4 with page numbers and contents, columns from content, properties, cover, narrative;
and the PDF LibreOffice makes of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from bot.features.report import render_docx
from bot.features.report.figures import Activity, Policy, Report
from bot.features.report.options import ReportOptions
from bot.store.db import Database
from tests.report_support import (
    BUF,
    FALUN_AREAS,
    KULTUR,
    body_outline,
    compile_small,
    open_document,
    pdf_of,
    pdf_pages,
    under,
)

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
NARRATIVE = "Året präglades av EU-projekten.\n\nFörslag: förläng avtalet med Wetzlar."


def _policy() -> Policy:
    return Policy(
        municipality="Falun",
        title="Policy och riktlinjer",
        areas=FALUN_AREAS,
        report_to="Kommunfullmäktige, genom kommundirektören",
        reported_by="Nätverket för internationella kontakter",
        options=ReportOptions(
            sections=("committees", "co_departments", "effects", "register"),
            committees=(("Barn- och utbildningsnämnden", (BUF,)), ("Kulturnämnden", (KULTUR,))),
        ),
    )


@pytest.fixture
async def compiled(database: Database) -> tuple[Report, list[Activity]]:
    return await compile_small(database, policy=_policy(), now=NOW)


async def test_each_table_and_chart_sits_under_its_heading(
    compiled: tuple[Report, list[Activity]],
) -> None:
    report, activities = compiled
    doc = open_document(render_docx.render_docx(report, activities, narrative=NARRATIVE))
    outline = body_outline(doc)
    # The body ends with its section properties: nothing after them (tables were).
    assert outline[-1].kind == "sectPr"
    headings = [e.text for e in outline if e.kind == "heading1"]
    assert headings == [
        "Sammanfattning",
        "Samordnarens analys och förslag",
        "Aktiviteter per förvaltning",
        "Aktiviteter per typ",
        "Aktiviteter per land",
        "Policyns strategiska områden och mål",
        "Extern finansiering",
        "Nya och återkommande partner",
        "Aktiviteter per nämnd och styrelse",
        "Aktiviteter över flera förvaltningar",
        "Effekter och uppföljning",
        "Register över projekt och avtal",
        "Bilaga: aktivitetslista",
    ]

    def kinds(heading: str) -> list[tuple[str, str]]:
        return [(e.kind, e.text) for e in under(outline, heading) if e.kind != "text"]

    assert kinds("Sammanfattning") == [("caption", "Nyckeltal"), ("table", "Mått")]
    assert [e.text for e in under(outline, "Samordnarens analys och förslag")] == [
        "Året präglades av EU-projekten.",
        "Förslag: förläng avtalet med Wetzlar.",
    ]
    assert kinds("Aktiviteter per förvaltning") == [
        ("caption", "Aktiviteter per förvaltning"),
        ("picture", ""),
        ("caption", "Aktiviteter per förvaltning"),
        ("table", "Förvaltning"),
    ]
    assert kinds("Policyns strategiska områden och mål")[-1] == ("table", "Strategiskt område")
    assert [k for k in kinds("Extern finansiering") if k[0] == "table"] == [
        ("table", "Valuta"),
        ("table", "Finansiär"),
    ]
    assert kinds("Aktiviteter per nämnd och styrelse")[-1] == ("table", "Nämnd/styrelse")
    assert kinds("Register över projekt och avtal")[-1] == ("table", "Partner")
    assert [k for k in kinds("Aktiviteter över flera förvaltningar") if k[0] == "table"] == [
        ("table", "Förvaltning"),
        ("table", "Datum"),
    ]
    assert kinds("Effekter och uppföljning")[-1] == ("table", "Datum")
    # The appendix holds the activity list and nothing else.
    assert [k for k in kinds("Bilaga: aktivitetslista") if k[0] == "table"] == [("table", "Datum")]


async def test_page_setup_contents_and_properties(
    compiled: tuple[Report, list[Activity]],
) -> None:
    report, activities = compiled
    doc = open_document(render_docx.render_docx(report, activities))
    first, appendix = doc.sections[0], doc.sections[-1]
    # A4, not Letter (stored in twips, so compared to the tenth of a millimetre)
    assert (round(first.page_width.cm, 2), round(first.page_height.cm, 2)) == (21.0, 29.7)
    assert round(first.left_margin.cm, 2) == 2.2
    assert appendix.page_width > appendix.page_height  # landscape for the wide list
    footer = first.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert first.different_first_page_header_footer  # no number on the cover
    body = doc.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert doc.settings.element.find(qn("w:updateFields")) is not None
    props = doc.core_properties
    assert props.title == "Årsuppföljning 2026"
    assert props.subject == "Falun – 2026"
    assert props.created == NOW
    assert props.author == "Nätverket för internationella kontakter"
    assert "python-docx" not in (props.author + props.last_modified_by + props.comments)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Till: Kommunfullmäktige, genom kommundirektören" in text
    assert "Från: Nätverket för internationella kontakter" in text
    for paragraph in doc.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            assert paragraph.paragraph_format.keep_with_next, paragraph.text


async def test_columns_are_sized_from_their_content(
    compiled: tuple[Report, list[Activity]],
) -> None:
    report, activities = compiled
    doc = open_document(render_docx.render_docx(report, activities))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Förvaltning")
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren()]
    assert len(set(grid)) > 2  # not equal widths
    text_width = (Cm(21.0) - 2 * Cm(2.2)) / 635
    assert abs(sum(grid) - text_width) < 10
    # The department column holds its longest word on one line.
    assert grid[0] >= len(["Kultur-", "och", "fritidsförvaltningen"][-1]) * 118


async def test_no_header_word_is_narrower_than_its_column(
    compiled: tuple[Report, list[Activity]],
) -> None:
    """The trend and tertial tables put years in narrow columns: "2025" sized in regular
    type broke in the bold header as "202/5". A table that fits gives every bold header
    word its width."""
    report, activities = compiled
    doc = open_document(render_docx.render_docx(report, activities))
    checked = 0
    for table in doc.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren()]
        size = table._tbl.find(".//" + qn("w:sz"))
        assert size is not None
        char = render_docx.CHAR_TWIPS[int(size.get(qn("w:val")))]
        texts = [[cell.text for cell in row.cells] for row in table.rows]
        headers, body = texts[0], texts[1:]
        longest = [
            max(
                [len(word) + 1 for word in head.split()]
                + [len(word) for row in body for word in row[i].split()]
            )
            for i, head in enumerate(headers)
        ]
        if sum(render_docx.CELL_PADDING + char * n for n in longest) > sum(grid):
            continue  # even the longest words do not fit: shared by length, tested above
        checked += 1
        needed = [
            render_docx.CELL_PADDING + char * max(len(word) + 1 for word in head.split())
            for head in headers
        ]
        assert all(w >= n for w, n in zip(grid, needed, strict=True)), (headers, grid, needed)
    assert checked >= 5


async def test_libreoffice_makes_a_sane_pdf(
    compiled: tuple[Report, list[Activity]], tmp_path: Path
) -> None:
    report, activities = compiled
    pdf = pdf_of(render_docx.render_docx(report, activities, narrative=NARRATIVE), tmp_path)
    pages = pdf_pages(pdf)
    assert 5 <= len(pages) <= 30, len(pages)
    # The appendix is the last heading; after it only the activity list's columns appear,
    # no other table's header (they used to pile up under it).
    start = max(i for i, page in enumerate(pages) if "Bilaga: aktivitetslista" in page)
    tail = "\n".join(pages[start:])
    assert "Datum" in tail and "Stadt Wetzlar" in tail
    for other in ("Mått", "Finansiär", "Strategiskt område", "Nämnd/styrelse"):
        assert other not in tail.split("Bilaga: aktivitetslista", 1)[1], other
    assert "Sida" in pages[1]  # page numbers from the second page on
    assert "Sida" not in pages[0]


async def test_every_style_is_in_arial(compiled: tuple[Report, list[Activity]]) -> None:
    """Word has Arial, and LibreOffice shows it as the equally wide Liberation Sans, so
    both break the table lines alike; the template's theme fonts (Calibri, Cambria) fell
    back to the wider DejaVu in LibreOffice and broke names inside the word."""
    report, activities = compiled
    doc = open_document(render_docx.render_docx(report, activities))
    fonts = doc.styles.element.findall(".//" + qn("w:rFonts"))
    assert {f.get(qn("w:ascii")) for f in fonts} == {"Arial", "Courier"}
    assert not [f for f in fonts if f.get(qn("w:asciiTheme"))]
