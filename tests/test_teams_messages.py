"""Teams end to end, messages: replies in personal chat and channels, answers as cards,
mentions, and the console's conversations through Teams (one core, three surfaces)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from botbuilder.schema import Activity
from sqlalchemy import select

from adapters.teams.bot import TEAMS_TURN, TURN_LEASE, TeamsBot, activity_key
from bot.features.contacts.validation import MAX_DISPLAY_NAME
from bot.store.models import Representative
from tests.teams_server import (
    Teams,
    seen,
)
from tests.teams_server import anonymous_roles as anonymous_roles  # the fixtures
from tests.teams_server import features as features
from tests.teams_server import teams as teams
from tests.teams_support import (
    Posted,
    activity,
    card_texts,
    post_activity,
)

# --- messages ------------------------------------------------------------------------


async def test_help_in_personal_chat_is_a_markdown_reply_to_the_message(teams: Teams) -> None:
    posted = await teams.say("hjalp")
    assert len(posted) == 1
    reply = posted[0]
    # A reply to the user's activity, in the user's conversation.
    assert reply.method == "POST"
    assert reply.path == "/v3/conversations/a:1personal-anna/activities/1732300000001"
    assert reply.body["type"] == "message"
    assert reply.body["textFormat"] == "markdown"
    assert reply.body["replyToId"] == "1732300000001"
    assert reply.body["recipient"]["id"] == "29:1anna-teams-id"
    assert reply.authorization is None  # anonymous mode: no credentials sent anywhere
    assert "**Så här använder du mig**" in reply.text
    assert "/kontakt – öppna formuläret" in reply.text


async def test_commands_work_with_and_without_the_slash(teams: Teams) -> None:
    with_slash = await teams.say("/hjalp")
    without = await teams.say("hjalp")
    assert with_slash[0].text == without[0].text


async def test_a_question_is_answered_with_an_adaptive_card(teams: Teams) -> None:
    posted = await teams.say("Vem tecknar samarbetsavtal i Motala?")
    assert len(posted) == 1
    card = posted[0].card
    assert card is not None
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == "1.5"
    texts = card_texts(card)
    assert texts[0] == "Så här står det i Motalas policy:"
    assert any(text.startswith("Källa: Motala, ") for text in texts)
    assert any(text == "Relaterat:" for text in texts)
    quote = card["body"][1]
    assert quote["type"] == "Container" and quote["style"] == "emphasis"
    actions = card["actions"]
    assert [a["title"] for a in actions] == ["Hjälpsamt", "Inte hjälpsamt"]
    assert all(a["type"] == "Action.Submit" for a in actions)
    assert actions[0]["data"]["intbot"] == "feedback" and actions[0]["data"]["helpful"] is True
    assert posted[0].body["summary"] == texts[0]


async def test_an_unanswerable_question_says_so_plainly(teams: Teams) -> None:
    posted = await teams.say("Hur många glassar äter en älg?")
    card = posted[0].card
    assert card is not None
    texts = card_texts(card)
    assert texts[0].startswith("Det svarar policytexterna inte på.")
    assert not any(text.startswith("Källa:") for text in texts)


async def test_a_mention_in_a_channel_is_stripped_and_answered_in_the_thread(
    teams: Teams,
) -> None:
    status, posted = await teams.send("message_channel_mention")
    assert status == 201
    assert len(posted) == 1
    assert posted[0].path == (
        "/v3/conversations/19:network-general@thread.tacv2;messageid=1732300000002"
        "/activities/1732300000002"
    )
    card = posted[0].card
    assert card is not None
    assert card_texts(card)[0] == "Så här står det i Motalas policy:"


async def test_a_channel_message_without_a_mention_is_left_alone(teams: Teams) -> None:
    status, posted = await teams.send(
        "message_channel_mention",
        text="fraga Vem tecknar samarbetsavtal i Motala?",
        entities=[],
    )
    assert status == 201
    assert posted == []


async def test_a_mention_of_someone_else_does_not_wake_the_bot(teams: Teams) -> None:
    status, posted = await teams.send(
        "message_channel_mention",
        text="<at>Anna</at> hjalp",
        entities=[{"type": "mention", "text": "<at>Anna</at>", "mentioned": {"id": "29:1anna"}}],
    )
    assert status == 201
    assert posted == []


async def test_user_text_echoed_back_cannot_mention_or_format(teams: Teams) -> None:
    # An unknown command word is echoed back in the error.
    posted = await teams.say("/okänt<at>Alla</at><b>x</b>**fet**[länk](https://x.example)")
    text = posted[0].text
    assert "<at>" not in text and "<b>" not in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text
    assert "\\*\\*fet\\*\\*" in text
    assert "\\[länk\\]" in text


# --- the console's conversations, through Teams (one core, three surfaces) --------------


async def test_console_conversation_quote_and_source(teams: Teams) -> None:
    reply = seen(await teams.say("Vem tecknar samarbetsavtal i Motala?"))
    assert "tecknar samarbetsavtal och ingår kommunalt partnerskap" in reply
    assert "Källa: Motala, Policy för internationell samverkan, Roller och ansvar" in reply


async def test_console_conversation_ask_command(teams: Teams) -> None:
    for text in (
        "/fraga Vilket diarienummer har Kungälvs policy?",
        "fraga Vilket diarienummer har Kungälvs policy?",
    ):
        reply = seen(await teams.say(text))
        assert "KS2019/1537" in reply
        assert "Källa: Kungälv" in reply


async def test_console_conversation_english(teams: Teams) -> None:
    reply = seen(await teams.say("Who decides on twin town agreements in Motala?"))
    assert "Motala's policy says" in reply
    assert "beslutar i frågor om vänortsavtal" in reply
    assert "Source: Motala" in reply


async def test_console_conversation_does_not_guess(teams: Teams) -> None:
    reply = seen(await teams.say("Hur många invånare har Götene kommun?"))
    # Never a quoted answer: an honest no, or passages offered as a question back.
    unsure = "menar du något av detta?" in reply
    assert unsure or ("Det svarar policytexterna inte på" in reply and "samordnaren" in reply)
    assert "Källa" not in reply


# --- registration by mention (issue 13 §6) ------------------------------------------

COORDINATOR_ACCOUNT = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}


async def _seats(teams: Teams) -> dict[str, str | None]:
    async with teams.services.db.session() as session:
        seats = (await session.scalars(select(Representative))).all()
    return {seat.user_id: seat.display_name for seat in seats}


async def _register(teams: Teams, tag: str, mentioned: object, *, msg_id: str) -> list[Posted]:
    return await teams.say(
        f"natverk representant {tag} ny förvaltning Kulturförvaltningen",
        id=msg_id,
        entities=[{"type": "mention", "text": tag, "mentioned": mentioned}],
        **{"from": COORDINATOR_ACCOUNT},
    )


async def test_a_representative_registered_by_mention_keeps_the_mentions_name(
    teams: Teams,
) -> None:
    mentioned = {"id": "29:1anna-teams-id", "name": "Anna Berg", "aadObjectId": "aad-anna"}
    posted = await _register(teams, "<at>Anna Berg</at>", mentioned, msg_id="reg-1")
    assert "Anna Berg (aad-anna)" in seen(posted)
    # The Entra object id when the entity has one: the id Anna's own activities carry.
    assert await _seats(teams) == {"aad-anna": "Anna Berg"}

    # Teams often sends only the channel account id: the connector's member lookup
    # gives the Entra id, the one Bert's own messages will carry.
    teams.connector.members["29:1bert-teams-id"] = {
        "id": "29:1bert-teams-id",
        "name": "Bert Berg",
        "aadObjectId": "aad-bert",
    }
    bert = {"id": "29:1bert-teams-id", "name": "Bert Berg"}
    await _register(teams, "<at>Bert</at>", bert, msg_id="reg-2")
    assert (await _seats(teams))["aad-bert"] == "Bert Berg"
    posted = await teams.say(
        "kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; typ: vänort",
        id="bert-1",
        **{"from": {"id": "29:1bert-teams-id", "name": "Bert Berg", "aadObjectId": "aad-bert"}},
    )
    assert "Stadt Wetzlar" in seen(posted) and "Kulturförvaltningen" in seen(posted)

    # A lookup the connector cannot answer: the channel account id, as the mention has it.
    cilla = {"id": "29:1cilla-teams-id", "name": "Cilla Berg"}
    await _register(teams, "<at>Cilla</at>", cilla, msg_id="reg-2c")
    assert (await _seats(teams))["29:1cilla-teams-id"] == "Cilla Berg"


async def test_a_hostile_mention_name_is_cleaned_or_left_out(teams: Teams) -> None:
    hostile = {
        "id": "29:1eve",
        "aadObjectId": "aad-eve",
        "name": "Eve\x00\x1b[31m|>Evil\u202e " + "x" * 500,
    }
    await _register(teams, "<at>Eve</at>", hostile, msg_id="reg-3")
    name = (await _seats(teams))["aad-eve"]
    assert name is not None and name.startswith("Eve [31m Evil x")
    assert len(name) == MAX_DISPLAY_NAME and not any(c in name for c in "\x00\x1b\u202e|<>")

    # A name that is missing or no string: the id is registered without one.
    for n, name_field in enumerate((None, 42, "\x07\x08 ")):
        mentioned = {"id": f"29:1nameless{n}"}
        if name_field is not None:
            mentioned["name"] = name_field
        await _register(teams, "<at>Someone</at>", mentioned, msg_id=f"reg-4{n}")
        assert (await _seats(teams))[f"29:1nameless{n}"] is None

    # An id the core does not take, or no `mentioned` object: nobody is registered by it.
    before = await _seats(teams)
    for n, mentioned in enumerate(({"id": "<script>", "name": "X"}, "29:1str", None)):
        posted = await _register(teams, "<at>X</at>", mentioned, msg_id=f"reg-5{n}")
        assert posted  # answered (a usage error or a registration of the typed word)
    assert all(user in before or user == "X" for user in await _seats(teams))


# --- the same activity twice (issue 13) ---------------------------------------------


async def test_an_activity_delivered_again_is_not_answered_again(teams: Teams) -> None:
    question = "Vem tecknar samarbetsavtal i Motala?"
    first = await teams.say(question, id="dup-1")
    assert len(first) == 1 and first[0].card is not None
    # The connector delivers the same activity again (its retry after a lost 200).
    again = await teams.say(question, id="dup-1")
    assert again == []
    # So in a channel too, and for a command; a new id is a new turn.
    status, posted = await teams.send("message_channel_mention", id="dup-2")
    assert status in {200, 201} and len(posted) == 1
    status, posted = await teams.send("message_channel_mention", id="dup-2")
    assert status in {200, 201} and posted == []
    assert len(await teams.say("hjalp", id="dup-3")) == 1
    assert await teams.say("hjalp", id="dup-3") == []
    assert len(await teams.say(question, id="dup-4")) == 1
    # The same id in another conversation is another activity.
    other = {"conversationType": "personal", "tenantId": "tenant-1", "id": "a:1personal-bert"}
    assert len(await teams.say(question, id="dup-1", conversation=other)) == 1


async def test_redeliveries_at_once_are_answered_once(teams: Teams) -> None:
    """Several deliveries of one activity racing (as from connector retries landing on
    different server processes): the seen mark is one atomic insert, so one answers."""
    teams.connector.clear()
    payload = activity(
        "message_personal", service_url=teams.connector_url, id="race-1", text="hjalp"
    )
    statuses = await asyncio.gather(*(post_activity(teams.base, payload) for _ in range(5)))
    assert all(status in {200, 201} for status, _ in statuses)
    assert len(teams.connector.posted) == 1


async def test_a_turn_that_failed_is_answered_when_delivered_again(
    teams: Teams, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A turn that raised lets its id go (the 500 makes the connector retry): the retry
    is answered. A turn whose process died is taken over once its lease ran out."""
    core = teams.services  # the server's records, as the bot sees them
    original = TeamsBot.on_message_activity
    calls = 0

    async def failing_once(self: TeamsBot, turn_context: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError("the connection dropped")
        await original(self, turn_context)

    monkeypatch.setattr(TeamsBot, "on_message_activity", failing_once)
    await teams.send("message_personal", id="fail-1", text="hjalp")
    retried = await teams.say("hjalp", id="fail-1")
    assert len(retried) == 1 and calls == 2

    # A process that died mid-turn: its job row stays, leased; once the lease ran out
    # a redelivery takes the turn over and answers; while it lasts, it does not.
    payload = activity("message_personal", service_url=teams.connector_url, id="dead-1")
    key = activity_key(Activity().deserialize(payload))
    assert await core.records.enqueue_job(key=key, kind=TEAMS_TURN, payload={},
                                          lease=TURN_LEASE)  # fmt: skip
    assert await teams.say("hjalp", id="dead-1") == []
    teams.clock.now += TURN_LEASE + dt.timedelta(seconds=1)
    assert len(await teams.say("hjalp", id="dead-1")) == 1
    assert await teams.say("hjalp", id="dead-1") == []
