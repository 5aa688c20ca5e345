"""Reminders and visit notices through Teams, end to end: the bot keeps where people
talk to it, and later writes there unprompted (a proactive message at the connector)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from adapters.teams.notifier import TeamsNotifier
from adapters.teams.routes import create_adapter
from bot.conversation import Bot, Services
from bot.messages import Message
from bot.reminders import run_due
from tests.conftest import COORDINATOR
from tests.teams_support import Posted
from tests.test_teams_e2e import Teams
from tests.test_teams_e2e import teams as teams  # the fixture

# 2026-12-20 11:00 in Stockholm: eleven days before T3 closes, after the reminder hour.
IN_WINDOW = dt.datetime(2026, 12, 20, 10, 0, tzinfo=dt.UTC)
ANNA = "aad-anna"  # message_personal.json's sender, as the core knows her
CHANNEL = "19:network-general@thread.tacv2"  # message_channel_mention.json's channel


async def as_coordinator(services: Services, text: str) -> str:
    replies = await Bot(services).handle(Message(user=COORDINATOR, text=text, platform="teams"))
    return "\n".join(str(getattr(reply, "body", "")) for reply in replies)


def notifier_for(server: Teams) -> TeamsNotifier:
    """A second process's notifier: only the database connects it to the first."""
    services = server.services
    return TeamsNotifier(
        adapter=create_adapter(services.settings), db=services.db, clock=services.clock
    )


def posted_to(server: Teams, conversation: str) -> list[Posted]:
    return [
        p
        for p in server.connector.posted
        if p.path.startswith(f"/v3/conversations/{conversation}/")
    ]


async def test_a_reminder_reaches_a_representative_who_has_talked_to_the_bot(
    teams: Teams,
) -> None:
    await as_coordinator(teams.services, f"/natverk representant {ANNA} Kulturförvaltningen")
    await teams.say("hjalp")  # Anna writes to the bot once, in her personal chat
    teams.connector.clear()

    result = await run_due(teams.services, notifier_for(teams), now=IN_WINDOW)

    assert result.sent == ["reminder:2026-T3:dept:1:rep:1"]
    # The coordinator has never written in Teams: that notice fails, nothing else does.
    assert result.failed == [f"digest:2026-T3:{COORDINATOR}"]
    [reminder] = posted_to(teams, "a:1personal-anna")
    card = reminder.card
    assert card is not None
    texts = [block["inlines"][0]["text"] for block in card["body"]]
    assert any("Kulturförvaltningen" in text for text in texts)
    [button] = card["actions"]
    assert button["data"] == {"msteams": {"type": "imBack", "value": "kontakt"}}

    # The button sends "kontakt", which brings the contact form.
    posted = await teams.say("kontakt")
    assert posted[0].card is not None and posted[0].card["actions"][0]["type"] == "Action.Submit"

    again = await run_due(teams.services, notifier_for(teams), now=IN_WINDOW)
    assert again.sent == [] and len(again.already_claimed) == 2


async def test_a_visit_notice_goes_to_the_channel_as_plain_text(
    teams: Teams,
) -> None:
    status, _ = await teams.send("message_channel_mention")  # the bot is in the channel
    assert status in {200, 201}
    await as_coordinator(teams.services, f"/natverk representant {ANNA} Kulturförvaltningen")
    visit = (IN_WINDOW + dt.timedelta(days=3)).date().isoformat()
    saved = await as_coordinator(
        teams.services,
        f"/kontakt ny datum: {visit}; partner: <at>Bert</at> @here **Lübeck**; land: Tyskland; "
        "typ: delegation; förvaltning: Kulturförvaltningen",
    )
    assert saved.startswith("#1 "), saved
    settings = teams.services.settings.model_copy(update={"visit_notice_channel": CHANNEL})
    services = dataclasses.replace(teams.services, settings=settings)
    teams.connector.clear()

    result = await run_due(services, notifier_for(teams), now=IN_WINDOW)

    assert [key for key in result.sent if key.startswith("visit:")] != []
    [notice] = posted_to(teams, CHANNEL)  # the channel itself, not the thread
    assert notice.card is None
    assert "Lübeck" in notice.text
    assert "<at>" not in notice.text and "&lt;at&gt;" in notice.text
    assert "\\*\\*" in notice.text  # shown as typed, not bold


async def test_someone_unknown_in_teams_is_handed_to_the_fallback(
    teams: Teams,
) -> None:
    sent: list[tuple[str, str]] = []

    class Other:
        async def send_direct(self, *, user: str, text: str, action: str | None) -> None:
            sent.append((user, text))

        async def post_channel(self, *, channel: str, text: str) -> None:
            sent.append((channel, text))

    notifier = notifier_for(teams)
    notifier.fallback = Other()
    await notifier.send_direct(user="U-slack-only", text="Hej", action=None)
    assert sent == [("U-slack-only", "Hej")]
    assert teams.connector.posted == []
