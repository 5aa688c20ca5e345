"""Issue 13 §2: `/slack/events` authenticates the raw bytes before anything parses them,
and a signed payload without the fields we need is a 400 with one log line."""

from __future__ import annotations

import json
import logging
import time
import urllib.parse

import pytest

from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackClient

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ("{not json", {}),
        ("[1, 2, 3]", {}),
        ("\udcff\udcfe binary", {}),
        ('{"type": "event_callback"}', {"X-Slack-Request-Timestamp": "abc"}),
        ('{"type": "event_callback"}', {"X-Slack-Signature": "v0=abc"}),
        ('{"type": "event_callback"}', {"X-Slack-Request-Timestamp": "99999999999999999999"}),
    ],
)
async def test_unauthenticated_junk_is_401_without_a_traceback(
    slack: SlackClient, body: str, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    all_headers = {"X-Slack-Request-Timestamp": str(int(time.time())), **headers}
    async with slack.session.post(
        slack.base_url + "/slack/events",
        data=body.encode("utf-8", "surrogateescape"),
        headers={"Content-Type": JSON, **all_headers},
    ) as response:
        assert response.status == 401
    assert not [r for r in caplog.records if r.exc_info]


def _payload(data: object) -> str:
    return urllib.parse.urlencode({"payload": json.dumps(data)})


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("[1, 2, 3]", JSON),  # signed, but not an object
        ("{not json", JSON),
        (json.dumps({"type": "event_callback", "event_id": "Ev1", "event": []}), JSON),
        (  # a direct message without a channel
            json.dumps({"type": "event_callback", "event_id": "Ev2", "team_id": "T0001",
                        "event": {"type": "message", "channel_type": "im", "user": "U1",
                                  "text": "hej"}}),
            JSON,
        ),
        (  # a mention without a user or channel
            json.dumps({"type": "event_callback", "event_id": "Ev3", "team_id": "T0001",
                        "event": {"type": "app_mention", "text": "hej"}}),
            JSON,
        ),
        (  # a feedback click whose value is not JSON
            _payload({"type": "block_actions", "team": {"id": "T0001"}, "user": {"id": "U1"},
                      "trigger_id": "t1", "actions": [{"action_id": "answer_feedback_yes",
                                                       "value": "not json {"}]}),
            FORM,
        ),
        (  # a modal submission without its state
            _payload({"type": "view_submission", "team": {"id": "T0001"}, "user": {"id": "U1"},
                      "view": {"id": "V1", "callback_id": "intbot_form:contact"}}),
            FORM,
        ),
        (urllib.parse.urlencode({"command": "/kontakt", "text": "lista"}), FORM),  # no user
    ],
)  # fmt: skip
async def test_signed_payloads_without_our_fields_are_answered_without_a_traceback(
    slack: SlackClient,
    fake_slack: FakeSlack,
    body: str,
    content_type: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    sent = await slack.post(body, content_type=content_type)
    assert sent.status in {200, 400}, sent
    await fake_slack.settle()
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert fake_slack.methods() == []  # nothing answered to nobody
