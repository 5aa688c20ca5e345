"""`intbot demo` and `intbot report` on the command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document as open_docx
from sqlalchemy import func, select

from adapters.cli import main
from bot.features.contacts.fields import HOME_COUNTRY
from bot.features.report.demo import DemoRefused, fill_demo
from bot.store.db import Database
from bot.store.models import AuditEntry, Contact, Department, Representative
from tests.report_support import FALUN_AREAS

TODAY = dt.date(2026, 11, 22)


async def _count(db: Database, column: object) -> int:
    async with db.session() as session:
        return int((await session.execute(select(func.count(column)))).scalar_one())  # type: ignore[arg-type]


async def test_demo_fills_a_network_once(database: Database) -> None:
    areas = [key for key, _ in FALUN_AREAS]
    result = await fill_demo(database, areas=areas, today=TODAY)
    assert result.departments == 8
    assert result.representatives == 8
    assert 150 <= result.contacts[2025] <= 220 and 150 <= result.contacts[2026] <= 220
    contacts = await _count(database, Contact.id)
    assert contacts == sum(result.contacts.values())
    assert await _count(database, Representative.id) == 8
    # One audit entry per department, representative and contact.
    assert await _count(database, AuditEntry.id) == contacts + 16
    async with database.session() as session:
        last = (await session.execute(select(func.max(Contact.date)))).scalar_one()
        kinds = set((await session.execute(select(Contact.kind).distinct())).scalars())
        countries = set((await session.execute(select(Contact.country).distinct())).scalars())
    assert last <= TODAY
    assert HOME_COUNTRY not in countries  # the form refuses the network's own country too
    assert {"twin_town", "eu_project", "network", "study_visit"} <= kinds
    with pytest.raises(DemoRefused):
        await fill_demo(database, areas=areas, today=TODAY)
    again = await fill_demo(database, areas=areas, today=TODAY, force=True)
    assert again.departments == 0  # departments are reused, not duplicated
    assert await _count(database, Department.id) == 8


async def test_demo_is_deterministic(database: Database, tmp_path: Path) -> None:
    other = Database.connect(f"sqlite:///{tmp_path / 'other.db'}")
    from bot.store import migrate

    await migrate.upgrade_async(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        rows = []
        for db in (database, other):
            await fill_demo(db, areas=["eu", "kompetens"], today=TODAY, seed=7)
            async with db.session() as session:
                query = select(Contact.date, Contact.partner, Contact.kind, Contact.areas)
                rows.append((await session.execute(query.order_by(Contact.id))).all())
        assert rows[0] == rows[1]
    finally:
        await other.close()


def test_cli_demo_then_report(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INTBOT_DATABASE_URL", db_url)
    monkeypatch.setenv("INTBOT_MUNICIPALITY", "Falun")
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "intbot report" in out
    assert main(["demo"]) == 1  # a second run into a used database is refused
    assert "--force" in capsys.readouterr().err
    year = str(dt.date.today().year)
    output = tmp_path / f"rapport-{year}.docx"
    assert main(["report", year, "--format", "docx", "--output", str(output)]) == 0
    err = capsys.readouterr().err
    assert "[####################]" in err  # the progress bar completes
    doc = open_docx(io.BytesIO(output.read_bytes()))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Policyns strategiska områden och mål" in headings
    assert main(["report", f"{year}-T1", "--format", "md", "--output", "-"]) == 0
    assert capsys.readouterr().out.startswith(f"# Uppföljning tertial 1 {year}")
    assert main(["report", "2026-T9", "--format", "csv"]) == 2
    assert "2026-T1" in capsys.readouterr().err
    for unwritable in (tmp_path, tmp_path / "saknas" / "r.xlsx"):
        assert main(["report", year, "--format", "xlsx", "--output", str(unwritable)]) == 2
        assert capsys.readouterr().err.startswith(f"Kan inte skriva {unwritable}: ")


def test_cli_report_takes_the_coordinators_text(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INTBOT_DATABASE_URL", db_url)
    assert main(["db", "upgrade"]) == 0
    text = tmp_path / "berattelse.txt"
    text.write_text("Samarbetet med Wetzlar bör förnyas.\n", encoding="utf-8")
    assert (
        main(["report", "2026", "--format", "md", "--output", "-", "--narrative", str(text)]) == 0
    )
    assert "Samarbetet med Wetzlar bör förnyas." in capsys.readouterr().out
    missing = str(tmp_path / "saknas.txt")
    assert main(["report", "2026", "--format", "md", "--narrative", missing]) == 2
    assert capsys.readouterr().err.startswith(f"Kan inte läsa texten i {missing}: ")
    latin1 = tmp_path / "ansi.txt"
    latin1.write_bytes("Förslag: förläng avtalet.".encode("latin-1"))
    assert main(["report", "2026", "--format", "md", "--narrative", str(latin1)]) == 2
    assert "inte UTF-8" in capsys.readouterr().err
