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
    assert f"[Rapport: {written} (2 bytes)]" in out.getvalue()


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
