"""A small contact log with hand-computed figures, for the report tests.

2026 (current): five live entries and one deleted; 2025 (previous): two; 2024: one.
See tests/test_report_figures.py for the figures worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.document import Document
from docx.oxml.ns import qn

from bot.features.report.figures import (
    Activity,
    Labels,
    Policy,
    Report,
    compile_report,
    load_activities,
)
from bot.features.report.periods import parse_period
from bot.store.db import Database
from bot.store.models import Contact, Department

KULTUR = "Kultur- och fritidsförvaltningen"
BUF = "Barn- och utbildningsförvaltningen"
SOCIAL = "Socialförvaltningen"

FALUN_AREAS = (
    ("information", "Sprida information om Falun i världen"),
    ("eu", "Uppnå maximal nytta av EU-medlemskapet"),
    ("kompetens", "Tillföra kommunen internationell kompetens"),
    ("region", "Vara en aktiv part i internationaliseringsarbetet i regionen"),
)

KINDS = {
    "twin_town": "Vänort",
    "eu_project": "EU-projekt",
    "network": "Nätverk",
    "conference": "Konferens",
    "study_visit": "Studiebesök",
    "delegation": "Delegation",
    "other": "Annat",
}
COUNTRIES = {
    "DE": "Tyskland",
    "BE": "Belgien",
    "EE": "Estland",
    "FI": "Finland",
    "NO": "Norge",
}


def falun_policy() -> Policy:
    return Policy(municipality="Falun", title="Policy och riktlinjer", areas=FALUN_AREAS)


def test_labels() -> Labels:
    return Labels(
        kind=lambda key: KINDS.get(key, key),
        country=lambda code: COUNTRIES.get(code, code),
        areas=dict(FALUN_AREAS),
    )


test_labels.__test__ = False  # type: ignore[attr-defined]


def _contact(
    day: str,
    department: Department,
    partner: str,
    country: str,
    kind: str,
    *,
    areas: list[str] | None = None,
    participants: int | None = None,
    youth: bool = False,
    funding: tuple[str, str, str] | None = None,
    deleted: bool = False,
    description: str | None = None,
    effects: str | None = None,
    co_departments: Sequence[Department] = (),
) -> Contact:
    amount, currency, source = funding or (None, None, None)
    return Contact(
        date=dt.date.fromisoformat(day),
        department=department,
        partner=partner,
        country=country,
        kind=kind,
        areas=areas or [],
        participants=participants,
        youth=youth,
        funding_amount=Decimal(amount) if amount else None,
        funding_currency=currency,
        funding_source=source,
        description=description or f"Möte med {partner}",
        follow_up="Ring Anna Andersson i maj",
        effects=effects,
        co_departments=[d.id for d in co_departments],
        created_by="U_ALICE",
        deleted_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC) if deleted else None,
        deleted_by="U_ALICE" if deleted else None,
    )


async def seed_small(db: Database) -> None:
    async with db.session() as session:
        kultur = Department(name=KULTUR, key="kulturochfritidsforvaltningen")
        buf = Department(name=BUF, key="barnochutbildningsforvaltningen")
        social = Department(name=SOCIAL, key="socialforvaltningen")
        session.add_all([kultur, buf, social])
        await session.flush()  # the ids that co-departments name
        session.add_all(
            [
                # 2026
                _contact("2026-01-15", kultur, "Stadt Wetzlar", "DE", "twin_town",
                         areas=["information", "kompetens"], participants=10, youth=True,
                         funding=("45000", "SEK", "Erasmus+"), co_departments=[buf],
                         effects="Fler elever söker utbyte"),
                _contact("2026-04-30", buf, "Eurocities", "BE", "network", areas=["eu"],
                         participants=2),
                _contact("2026-05-01", kultur, "stadt  wetzlar", "DE", "study_visit",
                         participants=5, youth=True, funding=("1000.50", "EUR", "Interreg")),
                _contact("2026-09-10", buf, "Tallinna linn", "EE", "eu_project",
                         areas=["eu", "okand_nyckel"], funding=("20000", "SEK", "Erasmus+"),
                         co_departments=[kultur, social], effects="=Ansökan beviljad"),
                _contact("2026-12-31", kultur, "Nytt partner AB", "FI", "conference",
                         areas=["kompetens"], participants=3),
                _contact("2026-03-01", social, "Raderad partner", "NO", "other",
                         participants=100, deleted=True, co_departments=[kultur],
                         effects="Raderad effekt"),
                # 2025
                _contact("2025-06-01", kultur, "Stadt Wetzlar", "DE", "twin_town",
                         participants=4),
                _contact("2025-02-01", social, "Oslo kommune", "NO", "delegation",
                         areas=["region"], youth=True),
                # 2024
                _contact("2024-03-01", buf, "EUROCITIES", "BE", "network"),
            ]
        )  # fmt: skip


async def compile_small(
    db: Database, *, policy: Policy, now: dt.datetime
) -> tuple[Report, list[Activity]]:
    """The small log (`seed_small`) compiled for 2026 as of `now`, with its activity list."""
    await seed_small(db)
    report = await compile_report(
        db,
        period=parse_period("2026", today=now.date()),
        labels=test_labels(),
        policy=policy,
        language="sv",
        generated_at=now,
    )
    activities = await load_activities(db, period=report.period, labels=test_labels())
    return report, activities


# --- reading a rendered DOCX back as the board would meet it -------------------------


@dataclass(frozen=True)
class Element:
    kind: str  # "heading1", "heading2", "caption", "text", "table", "picture", "sectPr"
    text: str  # a paragraph's text, or a table's first header cell


def open_document(content: bytes) -> Document:
    return open_docx(io.BytesIO(content))


def body_outline(doc: Document) -> list[Element]:
    """The body's children in document order (not python-docx's per-type lists)."""
    styles = {s.style_id: s.name for s in doc.styles}
    outline = []
    for child in doc.element.body.iterchildren():
        tag = child.tag
        if tag == qn("w:tbl"):
            first = child.find(f".//{qn('w:tc')}")
            text = "".join(t.text or "" for t in first.iter(qn("w:t"))) if first is not None else ""
            outline.append(Element("table", text))
        elif tag == qn("w:sectPr"):
            outline.append(Element("sectPr", ""))
        elif tag == qn("w:p"):
            style_el = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style = styles.get(style_el.get(qn("w:val")), "") if style_el is not None else ""
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if child.find(f".//{qn('w:drawing')}") is not None:
                outline.append(Element("picture", ""))
            elif style.startswith("Heading "):
                outline.append(Element("heading" + style.split()[-1], text))
            elif style == "Caption":
                outline.append(Element("caption", text))
            elif text.strip():
                outline.append(Element("text", text))
    return outline


def under(outline: list[Element], heading: str) -> list[Element]:
    """What follows a level-1 heading up to the next one."""
    start = next(i for i, e in enumerate(outline) if e.kind == "heading1" and e.text == heading)
    rest = outline[start + 1 :]
    end = next((i for i, e in enumerate(rest) if e.kind in ("heading1", "sectPr")), len(rest))
    return rest[:end]


def pdf_of(content: bytes, folder: Path) -> Path:
    """The DOCX converted by LibreOffice (which also updates the contents field)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is missing: apt-get install -y libreoffice-writer-nogui")
    source = folder / "rapport.docx"
    source.write_bytes(content)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return folder / "rapport.pdf"


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (poppler's pdftotext)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is missing: apt-get install -y poppler-utils")
    result = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return (
        result.stdout.split("\f")[:-1]
        if result.stdout.endswith("\f")
        else result.stdout.split("\f")
    )
