"""End to end through the real server: signed requests in, what reaches the fake Slack
Web API out. Questions by DM, mention and /fraga; feedback buttons; verification; the
url_verification challenge; retries; health; oversize bodies."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import func, select

from adapters.slack.listeners import from_slack_text
from adapters.slack.notifier import SlackNotifier
from bot.features.questions.answers import to_answer
from bot.kernel.messages import Answer
from bot.kernel.turn import Services
from bot.store.models import AnswerFeedback
from tests.slack.fake_slack import BOT_USER_ID, FakeSlack
from tests.slack.harness import SlackClient, sign

QUESTION = "Vem beslutar om vänortsavtal i Motala?"


async def feedback_count(services: Services) -> int:
    async with services.db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(AnswerFeedback)) or 0)


def dm(text: str, *, user: str = "U1", channel: str = "D1") -> dict[str, object]:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": f"{time.time():.6f}",
    }


def expected_answer(services: Services) -> Answer:
    """What the core answers (retrieval is another module's business)."""
    answer = to_answer(
        services.index.search(QUESTION, municipality=None), documents=services.index.documents
    )
    assert answer.answered and answer.passages
    return answer


async def test_question_by_direct_message_is_answered_with_quote_and_citation(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services
) -> None:
    expected = expected_answer(slack_services)
    top = expected.passages[0]
    sent = await slack.event(dm(QUESTION))
    assert sent.status == 200
    [posted] = await fake_slack.wait_for("chat.postMessage")
    assert posted.args["channel"] == "D1"
    assert posted.token == "xoxb-test-token"
    blocks = posted.args["blocks"]
    quote = next(b for b in blocks if b["type"] == "section" and b["text"]["text"].startswith(">"))
    assert quote["text"]["text"] == "> " + top.text.replace("\n", "\n> ")
    context = next(b for b in blocks if b["type"] == "context")
    assert (
        context["elements"][0]["text"]
        == f"Källa: {top.municipality}, {top.document}, {top.section}"
    )
    actions = next(b for b in blocks if b["type"] == "actions")
    assert [e["action_id"] for e in actions["elements"]] == [
        "answer_feedback_yes",
        "answer_feedback_no",
    ]
    value = json.loads(actions["elements"][0]["value"])
    assert value["q"] == QUESTION and value["p"]
    assert posted.args.get("link_names") in (None, "0", "false", False)


async def test_mention_is_answered_in_the_thread_with_the_mention_stripped(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    event = {
        "type": "app_mention",
        "channel": "C42",
        "user": "U1",
        "text": f"<@{BOT_USER_ID}> {QUESTION}",
        "ts": "1700000300.000100",
    }
    assert (await slack.event(event)).status == 200
    [posted] = await fake_slack.wait_for("chat.postMessage")
    assert posted.args["channel"] == "C42"
    assert posted.args["thread_ts"] == "1700000300.000100"
    assert "Källa: Motala" in posted.blocks_text()


async def test_slash_fraga_answers_ephemerally_through_the_response_url(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    sent = await slack.command("/fraga", QUESTION)
    assert sent.status == 200 and sent.text == ""
    [response] = await fake_slack.wait_for("response_url")
    assert response.args["response_type"] == "ephemeral"
    assert "Källa: Motala" in response.blocks_text()


async def test_helpful_click_is_stored_and_thanked(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services
) -> None:
    await slack.event(dm(QUESTION))
    [posted] = await fake_slack.wait_for("chat.postMessage")
    button = next(b for b in posted.args["blocks"] if b["type"] == "actions")["elements"][1]
    payload = slack.block_action(
        {"action_id": button["action_id"], "value": button["value"], "type": "button"}
    )
    assert (await slack.interact(payload)).status == 200
    [thanks] = await fake_slack.wait_for("response_url")
    assert "Tack för återkopplingen" in thanks.blocks_text()
    async with slack_services.db.session() as session:
        [row] = (await session.scalars(select(AnswerFeedback))).all()
    assert (row.user_id, row.platform, row.question, row.helpful) == (
        "U1",
        "slack",
        QUESTION,
        False,
    )
    assert row.passage_id


async def test_url_verification_challenge_is_answered(slack: SlackClient) -> None:
    body = json.dumps(
        {
            "token": "x",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )
    sent = await slack.post(body, content_type="application/json")
    assert sent.status == 200
    assert sent.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


async def test_wrong_or_stale_signature_is_refused_and_changes_nothing(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services
) -> None:
    payload = slack.block_action(
        {
            "action_id": "answer_feedback_yes",
            "value": json.dumps({"p": "x", "l": "sv", "q": "q"}),
            "type": "button",
        }
    )
    import urllib.parse

    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    form = "application/x-www-form-urlencoded"
    wrong = await slack.post(body, content_type=form, secret="not-the-secret")
    stale = await slack.post(body, content_type=form, timestamp=int(time.time()) - 10 * 60)
    unsigned = await slack.post(body, content_type=form, signed=False)
    forged_event = await slack.post(
        slack.event_body(dm(QUESTION)), content_type="application/json", secret="nope"
    )
    assert [wrong.status, stale.status, unsigned.status, forged_event.status] == [401] * 4
    await fake_slack.settle()
    assert fake_slack.methods() == []
    assert await feedback_count(slack_services) == 0


async def test_a_retried_event_is_acknowledged_and_answered_once(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    event = dm(QUESTION)
    first = await slack.event(event, event_id="Ev0RETRY1")
    retry = await slack.event(event, event_id="Ev0RETRY1", retry=1)
    again = await slack.event(event, event_id="Ev0RETRY1", retry=2)
    assert [first.status, retry.status, again.status] == [200, 200, 200]
    await fake_slack.wait_for("chat.postMessage")
    await fake_slack.settle()
    assert len(fake_slack.called("chat.postMessage")) == 1


async def test_the_bots_own_messages_and_message_edits_are_ignored(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    own = {**dm("an answer"), "user": BOT_USER_ID, "bot_id": "BBOT"}
    edited = {**dm(QUESTION), "subtype": "message_changed"}
    assert (await slack.event(own)).status == 200
    assert (await slack.event(edited)).status == 200
    await fake_slack.settle()
    assert fake_slack.methods() == []


async def test_healthz_checks_the_database(slack: SlackClient) -> None:
    async with slack.session.get(slack.base_url + "/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok"}


async def test_an_oversize_body_gets_413(slack: SlackClient) -> None:
    body = "payload=" + "x" * (2 * 1024 * 1024)
    sent = await slack.post(body, content_type="application/x-www-form-urlencoded")
    assert sent.status == 413
    assert sent.json() == {"error": "payload too large", "limit_bytes": 1024 * 1024}

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: caught while reading
        for _ in range(40):
            yield b"x" * 65536

    headers = sign(body) | {"Content-Type": "application/x-www-form-urlencoded"}
    async with slack.session.post(
        slack.base_url + "/slack/events", data=chunks(), headers=headers
    ) as response:
        assert response.status == 413
        assert (await response.json())["error"] == "payload too large"


async def test_user_text_echoed_back_is_escaped_so_it_notifies_no_one(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    # The user typed "/<!channel>" literally (Slack escapes it as &lt;!channel&gt;); the
    # core echoes the unknown command and what reaches Slack is inert text.
    await slack.event(dm("/&lt;!channel&gt;&lt;@U999&gt;"))
    [posted] = await fake_slack.wait_for("chat.postMessage")
    shown = posted.args["text"] + posted.blocks_text()
    assert "&lt;!channel&gt;&lt;@u999&gt;" in shown.lower()
    assert "<!channel>" not in shown and "<@" not in shown


def test_slack_markup_becomes_plain_text_for_the_core() -> None:
    assert from_slack_text(
        "<!channel> <@U999|anna> <#C1|allmänt> &lt;b&gt; &amp; <https://x.se|x.se>"
    ) == ("@channel U999 #allmänt <b> & x.se")


async def test_notices_reach_slack_escaped_with_a_button_for_the_form(
    fake_slack: FakeSlack,
) -> None:
    client = AsyncWebClient(token="xoxb-test-token", base_url=fake_slack.api_url)
    notifier = SlackNotifier(client=client)
    await notifier.send_direct(
        user="U5", text="Kultur <!channel> har inget i 2026-T1.", action="contact"
    )
    await notifier.post_channel(channel="C77", text="Besök från Stadt Wetzlar & <@U1>")
    dm_call, channel_call = await fake_slack.wait_for("chat.postMessage", 2)
    assert dm_call.args["channel"] == "U5"
    assert "&lt;!channel&gt;" in dm_call.blocks_text() and "<!channel>" not in dm_call.args["text"]
    button = next(b for b in dm_call.args["blocks"] if b["type"] == "actions")["elements"][0]
    assert (button["action_id"], button["value"]) == ("open_form", "/kontakt")
    assert channel_call.args["channel"] == "C77"
    assert "&amp; &lt;@U1&gt;" in channel_call.blocks_text()
