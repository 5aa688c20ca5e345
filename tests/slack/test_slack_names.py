"""Issue 13 §6: a representative registered from Slack keeps the name Slack has for
them (`users.info`), so an erasure knows what to scrub."""

from __future__ import annotations

from sqlalchemy import select

from bot.kernel.turn import Services
from bot.store.models import Representative
from tests.conftest import COORDINATOR
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackClient


async def _names(services: Services) -> dict[str, str | None]:
    async with services.db.session() as session:
        seats = (await session.scalars(select(Representative))).all()
    return {seat.user_id: seat.display_name for seat in seats}


async def test_registration_keeps_the_slack_name(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services
) -> None:
    fake_slack.names["UANNA1"] = "Anna Berg"
    sent = await slack.command(
        "/natverk",
        "representant <@UANNA1|anna> ny förvaltning Kulturförvaltningen",
        user=COORDINATOR,
    )
    assert sent.status == 200
    await fake_slack.wait_for("response_url")
    assert fake_slack.called("users.info")[0].args["user"] == "UANNA1"
    assert await _names(slack_services) == {"UANNA1": "Anna Berg"}

    # Slack does not know them: registered without a name, and the turn still answers.
    await slack.command(
        "/natverk", "representant UNOBODY9 ny förvaltning Kulturförvaltningen", user=COORDINATOR
    )
    await fake_slack.wait_for("response_url", count=2)
    assert (await _names(slack_services))["UNOBODY9"] is None
