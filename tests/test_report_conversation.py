"""`/rapport` as a conversation: the coordinator gets the summary and files, others a
clear refusal, a bad period or format an error that says what is accepted."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from adapters.cli import build_bot
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.messages import Error, File, Reply, Text
from bot.kernel.turn import Services
from bot.store.db import Database
from knowledge.index import PolicyIndex
from tests.chat import Chat
from tests.report_support import seed_small

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
COORDINATOR = "coord"
NBSP = "\u00a0"


@pytest.fixture
async def report_bot(settings: Settings, database: Database, policy_index: PolicyIndex) -> Bot:
    await seed_small(database)
    services = Services(
        settings=settings.model_copy(update={"municipality": "Falun"}),
        index=policy_index,
        db=database,
        clock=lambda: NOW,
    )
    return build_bot(services)


async def _say(bot: Bot, user: str, text: str, platform: str = "console") -> list[Reply]:
    return await Chat(bot, platform).replies(user, text)


async def test_coordinator_gets_the_summary(report_bot: Bot) -> None:
    replies = await _say(report_bot, COORDINATOR, "/rapport 2026")
    assert len(replies) == 1
    summary = replies[0]
    assert isinstance(summary, Text)
    assert summary.title == "Internationella nätverket – rapport 2026"
    # On 22 November the year runs: January–22 November 2026 against the same part of
    # 2025 (the entry dated 31 December 2026 is ahead and not counted).
    assert f"Aktiviteter: 4 (1 jan–22 nov 2025: 2, +100{NBSP}%)" in summary.body, summary.body
    assert "Förvaltningar utan aktiviteter: Socialförvaltningen" in summary.body
    assert "Policyns mål utan aktiviteter: Vara en aktiv part" in summary.body
    # Each currency with its own change: EUR is not dropped (2025 had no funding: "ny").
    assert f"65{NBSP}000{NBSP}kr (ny)" in summary.body
    assert f"1{NBSP}000,50{NBSP}EUR (ny)" in summary.body
    assert "Interreg" in summary.body  # the EUR funder is named too
    assert "/rapport 2026 docx" in summary.body
    assert (
        "Perioden pågår: uppgifterna gäller till och med 22 november 2026 och jämförs med "
        "samma del av föregående år (1 januari–22 november 2025)." in summary.body
    )
    closed = await _say(report_bot, COORDINATOR, "/rapport 2026-T1")
    assert "pågår" not in closed[0].body  # type: ignore[union-attr]


async def test_a_period_that_has_not_begun_says_so(report_bot: Bot) -> None:
    replies = await _say(report_bot, COORDINATOR, "/rapport 2027")
    body = replies[0].body  # type: ignore[union-attr]
    assert "Perioden har inte börjat (den börjar 1 januari 2027)" in body
    assert "−100" not in body
    assert "Aktiviteter: 0 (2026: 5, –)" in body
    # Nothing can be logged yet, so no department or goal is named as lacking activities.
    assert "utan aktiviteter" not in body
    document = await _say(report_bot, COORDINATOR, "/rapport 2027 docx")
    paper = open_docx(io.BytesIO(document[-1].content))  # type: ignore[union-attr]
    text = "\n".join(p.text for p in paper.paragraphs)
    assert "Perioden har inte börjat" in text
    assert "utan loggade aktiviteter" not in text and "utan aktiviteter" not in text


async def test_no_period_is_the_current_year(report_bot: Bot) -> None:
    replies = await _say(report_bot, COORDINATOR, "/rapport")
    assert isinstance(replies[0], Text)
    assert replies[0].title == "Internationella nätverket – rapport 2026"


async def test_docx_comes_as_a_file(report_bot: Bot) -> None:
    replies = await _say(report_bot, COORDINATOR, "/rapport 2026 docx")
    assert [type(r) for r in replies] == [Text, File]
    file = replies[1]
    assert isinstance(file, File)
    assert file.filename == "rapport-2026.docx"
    assert file.media_type.endswith("wordprocessingml.document")
    assert "2026" in file.title
    doc = open_docx(io.BytesIO(file.content))
    assert any(p.text == "Årsuppföljning 2026" for p in doc.paragraphs)
    assert "rapport-2026.docx" in replies[0].body  # type: ignore[union-attr]


async def test_tertial_xlsx_in_english(report_bot: Bot) -> None:
    replies = await _say(report_bot, COORDINATOR, "/report 2026-T1 xlsx")
    summary, file = replies
    assert isinstance(summary, Text) and isinstance(file, File)
    assert summary.title == "The international network – report Tertial 1 2026"
    assert "Activities: 2 (Tertial 1 2025: 1, +100" in summary.body
    assert file.filename == "rapport-2026-T1.xlsx"
    book = load_workbook(io.BytesIO(file.content))
    assert len(list(book["Activities"].iter_rows())) == 1 + 2


@pytest.mark.parametrize("fmt", ["html", "csv"])
async def test_other_formats(report_bot: Bot, fmt: str) -> None:
    replies = await _say(report_bot, COORDINATOR, f"/rapport 2026-01-01..2026-06-30 {fmt}")
    file = replies[-1]
    assert isinstance(file, File)
    assert file.filename == f"rapport-2026-01-01--2026-06-30.{fmt}"
    assert file.content


async def test_teams_bare_command(report_bot: Bot) -> None:
    replies = await _say(report_bot, COORDINATOR, "rapport 2026-T2", platform="teams")
    assert isinstance(replies[0], Text)
    assert replies[0].title == "Internationella nätverket – rapport tertial 2 2026"


async def test_a_representative_is_refused(report_bot: Bot) -> None:
    replies = await _say(report_bot, "alice", "/rapport 2026 docx")
    assert len(replies) == 1
    refusal = replies[0]
    assert isinstance(refusal, Error)
    assert "internationella samordnare" in refusal.body
    english = await _say(report_bot, "alice", "/report 2026")
    assert isinstance(english[0], Error)
    assert "coordinator" in english[0].body


@pytest.mark.parametrize("period", ["2026-T4", "förra året", "2026-13-01..2026-12-31"])
async def test_bad_period_says_the_accepted_forms(report_bot: Bot, period: str) -> None:
    replies = await _say(report_bot, COORDINATOR, f"/rapport {period}")
    assert len(replies) == 1
    error = replies[0]
    assert isinstance(error, Error)
    assert "2026-T1" in error.body and "2026-01-01..2026-06-30" in error.body


async def test_a_reversed_period_says_the_start_is_after_the_end(report_bot: Bot) -> None:
    chat = Chat(report_bot)
    said = await chat.say(COORDINATOR, "/rapport 2026-06-01..2026-01-01 docx")
    assert " ".join(said.split()) == (
        "Perioden ”2026-06-01..2026-01-01” börjar efter att den slutar: jag läste början som "
        "1 juni 2026 och slutet som 1 januari 2026. Skriv den tidigare dagen först: "
        "2026-01-01..2026-06-01."
    )
    english = await chat.say(COORDINATOR, "/report 2026-06-01–2026-01-01")
    assert 'The period "2026-06-01–2026-01-01" starts after it ends' in " ".join(english.split())
    for typed in (
        "/rapport text 2026-06-01--2026-01-01 Analys",
        "/kontakt lista 2026-06-01..2026-01-01",
        "/natverk obesvarade 2026-06-01..2026-01-01",
    ):
        reply = " ".join((await chat.say(COORDINATOR, typed)).split())
        assert "börjar efter att den slutar" in reply, (typed, reply)
        assert "1 juni 2026" in reply and "2026-01-01..2026-06-01" in reply, (typed, reply)


async def test_bad_format(report_bot: Bot) -> None:
    replies = await _say(report_bot, COORDINATOR, "/rapport 2026 pdf")
    error = replies[0]
    assert isinstance(error, Error)
    assert "pdf" in error.body and "docx" in error.body


async def test_two_formats_are_asked_for_one_at_a_time(report_bot: Bot) -> None:
    [error] = await _say(report_bot, COORDINATOR, "/rapport 2026-T2 docx xlsx")
    assert isinstance(error, Error)
    assert error.body == (
        "Ett format i taget: /rapport 2026-T2 docx och sedan /rapport 2026-T2 xlsx."
    )


async def test_the_coordinators_own_text_goes_into_the_documents(report_bot: Bot) -> None:
    chat = Chat(report_bot)
    assert "Ingen egen text är sparad för 2026" in await chat.say(COORDINATOR, "/rapport text 2026")
    saved = await chat.say(COORDINATOR, "/rapport text 2026 Nätverket bör prioritera EU-projekt.")
    assert saved.startswith("Sparat: din text för 2026 kommer med i rapportens dokument")
    assert "Nätverket bör prioritera EU-projekt." in await chat.say(
        COORDINATOR, "/rapport text 2026"
    )
    [_, document] = await chat.replies(COORDINATOR, "/rapport 2026 html")
    assert isinstance(document, File)
    assert "Nätverket bör prioritera EU-projekt." in document.content.decode()
    assert "borttagen" in await chat.say(COORDINATOR, "/rapport text 2026 -")
    assert "Så här: /rapport text" in await chat.say(COORDINATOR, "/rapport text vårt år")
    assert "Bara" in await chat.say(
        "anna", "/rapport text 2026 Hej"
    ) or "samordnaren" in await chat.say("anna", "/rapport text 2026 Hej")


async def test_a_pasted_text_keeps_its_words_not_its_control_characters(
    report_bot: Bot,
) -> None:
    """Pasted from a word processor: a NUL (PostgreSQL refused the whole turn), a
    vertical tab for a line break, and a right-to-left override that made "Wetzlar" in
    the council's document out of what was stored as "raltzeW"."""
    chat = Chat(report_bot)
    saved = await chat.say(
        COORDINATOR, "/rapport text 2026 Besök\x00 i Stadt \u202eraltzeW.\x0bNästa år: Tartu."
    )
    assert saved.startswith("Sparat: din text för 2026")
    kept = await chat.say(COORDINATOR, "/rapport text 2026")
    assert "Besök i Stadt raltzeW.\nNästa år: Tartu." in kept
    [_, document] = await chat.replies(COORDINATOR, "/rapport 2026 html")
    assert isinstance(document, File)
    html = document.content.decode()
    assert "Besök i Stadt raltzeW. Nästa år: Tartu." in html
    assert "\u202e" not in html
