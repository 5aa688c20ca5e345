"""Asking the log on a real surface: a Teams personal chat, bare text, through the HTTP
server and the Bot Framework adapter (the harness of tests/teams_server.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from bot.features.report.demo import fill_demo
from bot.store.models import Contact
from tests.teams_server import START, Teams
from tests.teams_server import anonymous_roles as anonymous_roles  # the fixtures
from tests.teams_server import features as features
from tests.teams_server import teams as teams


async def test_a_log_question_in_a_teams_chat_is_answered_from_the_log(teams: Teams) -> None:
    today = teams.services.today()
    assert today == START.date()
    await fill_demo(teams.services.db, areas=["kompetens"], today=today)
    async with teams.services.db.session() as session:
        finland = await session.scalar(
            select(func.count(Contact.id)).where(
                Contact.country == "FI", Contact.date >= dt.date(today.year, 1, 1)
            )
        )
    posted = await teams.say("hur manga kontakter med finland i ar")
    assert len(posted) == 1
    assert f"Kontakter med Finland 1 januari–22 november 2026: {finland}" in posted[0].text
    # A policy question in the same chat still gets the policy card.
    posted = await teams.say("Vem tecknar samarbetsavtal i Motala?")
    assert posted[0].card is not None
