"""Reminders and visit notices through Teams, end to end: the bot keeps where people
talk to it, and later writes there unprompted (a proactive message at the connector)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from adapters.cli import build_bot
from adapters.slack.notifier import SlackNotifier
from adapters.teams.notifier import NotReachable, TeamsNotifier
from adapters.teams.routes import TeamsSurface, create_adapter
from adapters.web import chain
from bot.features.notices.reminders import run_due
from bot.kernel.config import Settings
from bot.kernel.turn import Services
from bot.store import references
from bot.store.db import Database
from bot.store.models import Department, Representative, SentNotification
from knowledge.index import PolicyIndex
from tests.chat import Chat
from tests.conftest import COORDINATOR
from tests.teams_server import Teams, teams_settings
from tests.teams_server import anonymous_roles as anonymous_roles
from tests.teams_server import features as features  # the fixtures
from tests.teams_server import teams as teams
from tests.teams_support import Posted

# 2026-12-20 11:00 in Stockholm: eleven days before T3 closes, after the reminder hour.
IN_WINDOW = dt.datetime(2026, 12, 20, 10, 0, tzinfo=dt.UTC)
ANNA = "aad-anna"  # message_personal.json's sender, as the core knows her
CHANNEL = "19:network-general@thread.tacv2"  # message_channel_mention.json's channel


async def as_coordinator(services: Services, text: str) -> str:
    replies = await Chat(build_bot(services), "teams").replies(COORDINATOR, text)
    return "\n".join(str(getattr(reply, "body", "")) for reply in replies)


def notifier_for(server: Teams) -> TeamsNotifier:
    """A second process's notifier: only the database connects it to the first."""
    services = server.services
    return TeamsNotifier(adapter=create_adapter(services.settings), records=services.records)


def posted_to(server: Teams, conversation: str) -> list[Posted]:
    return [
        p
        for p in server.connector.posted
        if p.path.startswith(f"/v3/conversations/{conversation}/")
    ]


async def test_a_reminder_reaches_a_representative_who_has_talked_to_the_bot(
    teams: Teams,
) -> None:
    await as_coordinator(
        teams.services, f"/natverk representant {ANNA} ny förvaltning Kulturförvaltningen"
    )
    await teams.say("hjalp")  # Anna writes to the bot once, in her personal chat
    teams.connector.clear()

    result = await run_due(teams.services, notifier_for(teams), now=IN_WINDOW)

    assert result.sent == ["reminder:2026-T3:dept:1:rep:1"]
    # The coordinator has never written in Teams: that notice fails, nothing else does.
    assert result.failed == [f"digest:2026-T3:{COORDINATOR}"]
    [reminder] = posted_to(teams, "a:1personal-anna")
    assert reminder.path == "/v3/conversations/a:1personal-anna/activities"
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
    await as_coordinator(
        teams.services, f"/natverk representant {ANNA} ny förvaltning Kulturförvaltningen"
    )
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
    assert notice.path == f"/v3/conversations/{CHANNEL}/activities"  # a new post
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


async def test_a_user_who_never_wrote_gets_a_failed_notice_with_the_reason(
    teams: Teams,
) -> None:
    await as_coordinator(
        teams.services, f"/natverk representant {ANNA} ny förvaltning Kulturförvaltningen"
    )
    teams.connector.clear()

    result = await run_due(teams.services, notifier_for(teams), now=IN_WINDOW)

    assert result.sent == []
    assert sorted(result.failed) == [
        f"digest:2026-T3:{COORDINATOR}",
        "reminder:2026-T3:dept:1:rep:1",
    ]
    assert teams.connector.posted == []
    async with teams.services.db.session() as session:
        errors = {
            row.key: row.error for row in (await session.scalars(select(SentNotification))).all()
        }
    reason = errors["reminder:2026-T3:dept:1:rep:1"]
    assert reason is not None and "NotReachable" in reason
    assert f"no Teams chat with user {ANNA} yet" in reason and "write to the bot once" in reason


async def test_installing_in_a_channel_makes_the_channel_reachable_not_the_installer(
    teams: Teams,
) -> None:
    status, _ = await teams.send("conversation_update_installed")
    assert status in {200, 201}
    teams.connector.clear()
    notifier = notifier_for(teams)

    await notifier.post_channel(channel=CHANNEL, text="Besök på fredag")
    [notice] = posted_to(teams, CHANNEL)
    assert notice.text == "Besök på fredag"
    # The installer wrote nothing in a personal chat: no direct message is possible yet.
    with pytest.raises(NotReachable, match="write to the bot once"):
        await notifier.send_direct(user=ANNA, text="Hej", action=None)


async def test_a_card_submit_is_enough_to_be_reachable(teams: Teams) -> None:
    status, _ = await teams.send("card_submit")
    assert status in {200, 201}
    teams.connector.clear()

    await notifier_for(teams).send_direct(user=ANNA, text="Hej", action=None)

    [message] = posted_to(teams, "a:1personal-anna")
    assert message.text == "Hej" and message.card is None
    saved = await references.load(teams.services.db, platform="teams", key=f"user:{ANNA}")
    assert saved is not None and "name" not in saved["user"]  # ids only, no display name
    # A new message, not a reply to the card that was submitted.
    assert message.path == "/v3/conversations/a:1personal-anna/activities"


async def test_a_department_name_in_a_reminder_card_mentions_nobody(teams: Teams) -> None:
    name = "<at>Bert</at> @here **Kultur**"
    async with teams.services.db.session() as session:
        department = Department(name=name, key="atbertatherekultur")
        session.add(department)
        await session.flush()
        session.add(
            Representative(user_id=ANNA, department_id=department.id, created_by=COORDINATOR)
        )
    await teams.say("hjalp")
    teams.connector.clear()

    result = await run_due(teams.services, notifier_for(teams), now=IN_WINDOW)

    assert [key for key in result.sent if key.startswith("reminder:")] != []
    [reminder] = posted_to(teams, "a:1personal-anna")
    assert not reminder.body.get("entities")  # Teams mentions only through entities
    card = reminder.card
    assert card is not None and "entities" not in card.get("msteams", {})
    runs = [inline for block in card["body"] for inline in block["inlines"]]
    assert all(run["type"] == "TextRun" for run in runs)  # never markdown
    assert any(name in run["text"] for run in runs)  # shown exactly as typed


def test_serve_routes_notices_through_teams_then_slack(
    settings: Settings, database: Database, policy_index: PolicyIndex
) -> None:
    teams_on = Services(
        settings=teams_settings(settings, public_url="http://127.0.0.1:3978"),
        index=policy_index,
        db=database,
    )
    teams = TeamsSurface(bot=build_bot(teams_on), services=teams_on)
    slack = SlackNotifier(client=object())  # type: ignore[arg-type]  # never called here

    chosen = chain([teams.notifier, slack])
    assert chosen is teams.notifier and teams.notifier.fallback is slack

    alone = TeamsSurface(bot=build_bot(teams_on), services=teams_on)
    assert chain([alone.notifier]) is alone.notifier and alone.notifier.fallback is None
    assert chain([None, slack]) is slack
    assert chain([]) is None
