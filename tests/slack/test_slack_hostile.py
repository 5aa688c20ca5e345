"""A forged or malformed modal submission through Slack, end to end with the real core:
every field Slack could send in a shape no modal produces (a list in a text input, a
number for a date, an option without a value, a junk multi-select) and text that must
not be stored (bidi overrides in a name) comes back as a specific error on that field,
in the form's language, and nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest

from bot.kernel.turn import Services
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackClient, state_values
from tests.slack.test_slack_contacts import (
    REP,
    contacts_stored,
    option_value,
    register_representative,
)

UNREADABLE = "kom inte fram som formuläret skickar det, så inget sparades"

CASES = [
    ("partner", {"type": "plain_text_input", "value": ["Stadt", "Wetzlar"]}, UNREADABLE),
    ("partner", {"type": "plain_text_input", "value": {"text": "Stadt Wetzlar"}}, UNREADABLE),
    ("date", {"type": "datepicker", "selected_date": ["2026-03-12"]}, UNREADABLE),
    ("date", {"type": "datepicker", "selected_date": 20260312}, "”20260312” är inget datum"),
    ("country", {"type": "external_select", "selected_option": "DE"}, UNREADABLE),
    ("country", {"type": "external_select", "selected_option": {"text": "DE"}}, UNREADABLE),
    ("youth", {"type": "checkboxes", "selected_options": "ja"}, UNREADABLE),
    ("areas", {"type": "multi_static_select", "selected_options": [1, None]}, UNREADABLE),
    ("partner", {"type": "plain_text_input", "value": "Stadt \u202eraltzeW"}, "styrtecken"),
    ("city", {"type": "plain_text_input", "value": "Wetzlar\u2066"}, "styrtecken"),
]


@pytest.mark.parametrize(("block", "item", "expected"), CASES)
async def test_a_malformed_field_is_named_and_nothing_is_stored(
    slack: SlackClient,
    fake_slack: FakeSlack,
    slack_services: Services,
    block: str,
    item: dict[str, Any],
    expected: str,
) -> None:
    await register_representative(slack, fake_slack)
    await slack.command("/kontakt", user=REP)
    [opened] = await fake_slack.wait_for("views.open")
    view = opened.args["view"]
    kinds = next(b for b in view["blocks"] if b.get("block_id") == "kind")["element"]
    good = {
        "date": "2026-03-12",
        "partner": "Stadt Wetzlar",
        "country": await option_value(slack, view, "country", "Tyskland"),
        "kind": kinds["options"][0]["value"],
    }
    values = state_values(view, good)
    values[block] = {next(iter(values[block])): item}

    sent = await slack.interact(slack.view_submission(view, values, user=REP))

    assert sent.status == 200
    answer = sent.json()
    assert answer["response_action"] == "errors", answer
    assert list(answer["errors"]) == [block], answer
    assert expected in answer["errors"][block], answer
    assert "Något gick fel" not in answer["errors"][block]
    await fake_slack.settle()
    assert await contacts_stored(slack_services) == 0
