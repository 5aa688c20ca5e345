"""The console writes the document it announces, where it says it did."""

from __future__ import annotations

import io
from pathlib import Path

from adapters.console import run_chat
from bot.kernel.messages import Event, File, Reply


class Sends:
    """A bot that answers every line with a document."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    async def handle(self, event: Event) -> list[Reply]:
        return [File(filename=self.filename, content=b"PK", media_type="x", title="Rapport")]


async def test_a_document_is_written_to_the_reports_folder_and_its_path_printed(
    tmp_path: Path,
) -> None:
    out = io.StringIO()
    await run_chat(Sends("rapport-2026.docx"), user="u", stdin=io.StringIO("/rapport 2026 docx\n"),  # type: ignore[arg-type]
                   stdout=out, reports_dir=tmp_path / "reports")  # fmt: skip
    written = tmp_path / "reports" / "rapport-2026.docx"
    assert written.read_bytes() == b"PK"
    assert f"[Rapport: {written} (2 byte)]" in out.getvalue()


async def test_the_size_is_said_in_the_users_language(tmp_path: Path) -> None:
    class Both(Sends):  # the core stamps each reply with the turn's language
        async def handle(self, event: Event) -> list[Reply]:
            content = b"x" * 172_905
            return [File(filename="rapport.docx", content=content, media_type="x",
                         title="Rapport"),
                    File(filename="report.docx", content=content, media_type="x",
                         title="Report", language="en")]  # fmt: skip

    out = io.StringIO()
    await run_chat(Both(""), user="u", stdin=io.StringIO("x\n"), stdout=out,  # type: ignore[arg-type]
                   reports_dir=tmp_path)  # fmt: skip
    assert "rapport.docx (172\u00a0905 byte)]" in out.getvalue()
    assert "report.docx (172,905 bytes)]" in out.getvalue()


async def test_a_filename_cannot_leave_the_reports_folder(tmp_path: Path) -> None:
    out = io.StringIO()
    await run_chat(Sends("../../outside.docx"), user="u", stdin=io.StringIO("x\n"),  # type: ignore[arg-type]
                   stdout=out, reports_dir=tmp_path / "reports")  # fmt: skip
    assert (tmp_path / "reports" / "outside.docx").exists()
    assert not (tmp_path / "outside.docx").exists()


def test_what_a_terminal_would_obey_is_shown_not_obeyed() -> None:
    """A reply that echoes its sender's words (an unknown user id, say) must not let them
    recolour the terminal, move its cursor or reorder the line."""
    from adapters.console import render
    from bot.kernel.messages import Text

    echoed = Text(body="”\x00evil\x1b[31m” är ingen användare; \u202egnp.exe")
    assert render(echoed) == "”\u2400evil\u241b[31m” är ingen användare; \ufffdgnp.exe"
