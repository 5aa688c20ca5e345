"""A contact log that forgives and tells (issue 15) as conversations, on SQLite and on
PostgreSQL: unknown fields, corrections announced, countries, departments matched,
likely duplicates and removals confirmed, removed entries restored."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from bot.kernel.config import Settings
from bot.kernel.turn import Services
from bot.store.db import Database
from bot.store.models import Contact
from knowledge.index import PolicyIndex
from tests.chat import Chat
from tests.conftest import COORDINATOR

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
REP = "U1"
BASE = "datum: 2026-03-12; partner: Stadt Wetzlar; land: DE; typ: vänort"


@pytest.fixture
def services(settings: Settings, database: Database, policy_index: PolicyIndex) -> Services:
    return Services(settings=settings, index=policy_index, db=database, clock=lambda: NOW)


async def say(chat: Chat, user: str, text: str) -> str:
    """The reply with the console's line wrapping undone."""
    return re.sub(r"[ \n]+", " ", await chat.say(user, text))


async def count(services: Services, model: type, *where: object) -> int:
    async with services.db.session() as session:
        query = select(func.count()).select_from(model)
        if where:
            query = query.where(*where)  # type: ignore[arg-type]
        return int(await session.scalar(query) or 0)


@pytest.fixture
async def rep(chat: Chat) -> str:
    reply = await say(chat, COORDINATOR, f"/natverk representant <@{REP}|anna> Kulturförvaltningen")
    assert "representerar nu" in reply
    return REP


async def test_unknown_fields_are_errors_and_nothing_is_stored(
    chat: Chat, services: Services, rep: str
) -> None:
    reply = await say(chat, rep, f"/kontakt ny {BASE}; beskrivning: Körutbyte; färg: blå")
    assert "”färg”" in reply and "känner jag inte till" in reply
    reply = await say(chat, rep, "/kontakt ny datum: 2026-03-12; partnr: Stadt Wetzlar")
    assert "”partnr”" in reply and "Menade du partner?" in reply
    reply = await say(chat, rep, f"/kontakt ny {BASE}; uppfölnjing: ring dem")
    assert "Menade du uppföljning?" in reply
    assert await count(services, Contact) == 0
    prose = "Kör; orkester; se https://x.se; möte med dem: bra"
    saved = await say(chat, rep, f"/kontakt ny {BASE}; beskrivning: {prose}")
    assert "Sparad: kontakt #1" in saved
    assert f"Beskrivning: {prose}" in saved
    edited = await say(chat, rep, "/kontakt ändra 1; färg: blå")
    assert "”färg”" in edited and await count(services, Contact) == 1
