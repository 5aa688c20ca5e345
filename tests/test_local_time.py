"""Every "today" is the municipality's date (`INTBOT_TIMEZONE`), never the server's or
UTC's. The zone here is fourteen hours ahead of UTC, so its date is already tomorrow:
at 2026-12-31 12:00 UTC it is 1 January 2027 on Kiritimati."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from adapters import cli
from adapters.cli import build_bot
from bot.features.notices.reminders import plan
from bot.kernel.messages import Form, Text
from bot.kernel.turn import Services
from bot.store.models import Contact
from tests.chat import Chat
from tests.conftest import COORDINATOR
from tests.ops_support import seed_network

NOON_UTC = dt.datetime(2026, 12, 31, 12, 0, tzinfo=dt.UTC)
ZONE = "Pacific/Kiritimati"  # UTC+14
LOCAL_TODAY = dt.date(2027, 1, 1)


@pytest.fixture
def ahead(services: Services) -> Services:
    settings = services.settings.model_copy(update={"timezone": ZONE})
    return dataclasses.replace(services, settings=settings, clock=lambda: NOON_UTC)


async def test_the_form_and_idag_mean_the_local_date(ahead: Services) -> None:
    chat = Chat(build_bot(ahead), "slack")
    await chat.say(COORDINATOR, "/natverk representant U1 ny förvaltning Kulturförvaltningen")
    [form] = await chat.replies("U1", "/kontakt")
    assert isinstance(form, Form)
    assert next(f.initial for f in form.fields if f.name == "date") == "2027-01-01"
    said = await chat.say(
        "U1", "/kontakt ny datum: idag; partner: Stadt Wetzlar; land: DE; typ: vänort"
    )
    assert "2027-01-01" in said
    async with ahead.db.session() as session:
        assert (await session.scalars(select(Contact.date))).all() == [LOCAL_TODAY]


async def test_the_report_without_a_period_is_the_local_year(ahead: Services) -> None:
    [summary] = await Chat(build_bot(ahead)).replies(COORDINATOR, "/rapport")
    assert isinstance(summary, Text) and summary.title is not None
    assert summary.title.endswith("2027")


def test_intbot_report_runs_to_the_local_date(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INTBOT_DATABASE_URL", db_url)
    monkeypatch.setenv("INTBOT_TIMEZONE", ZONE)
    monkeypatch.setattr(cli, "dt_now", lambda: NOON_UTC)
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["report", "2027", "--format", "md", "--output", "-"]) == 0
    assert "1 januari 2027" in capsys.readouterr().out  # running, to the local date


async def test_reminders_are_due_by_the_local_clock(ahead: Services) -> None:
    await seed_network(ahead.db)
    # 1 January 02:00 local: before the reminder hour, so nothing is due yet, although
    # it is noon in UTC; at 09:00 local the new tertial's window is still closed.
    assert await plan(ahead, now=NOON_UTC) == []
    late = NOON_UTC.replace(day=30, hour=20)  # 31 December 10:00 local: T3's last days
    notices = await plan(ahead, now=late)
    assert any(n.kind == "reminder" and "2026-T3" in n.key for n in notices)
