"""Through Slack: a feedback click or the App Home whose handler fails still tells the
user, in the fixed words of the one boundary, that something went wrong."""

from __future__ import annotations

import json

import pytest

from bot.features import all_features
from bot.kernel.feature import Feature
from bot.kernel.i18n import Catalog
from bot.kernel.messages import Reply
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackClient


async def broken(*_: object) -> list[Reply]:
    raise RuntimeError("the database went away")


@pytest.fixture
def slack_features() -> list[Feature]:
    """The real core, except that feedback and the home tab fail."""
    failing = Feature(name="failing", texts=Catalog({}), feedback=broken, home=broken)
    return [f for f in all_features() if f.feedback is None and f.home is None] + [failing]


async def test_a_failing_feedback_click_is_answered_in_the_users_language(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    value = json.dumps({"p": "falun-3", "l": "en", "q": "Who decides?"})
    button = {"action_id": "answer_feedback_yes", "value": value, "type": "button"}
    sent = await slack.interact(slack.block_action(button))
    assert sent.status == 200
    [told] = await fake_slack.wait_for("response_url")
    assert "Something went wrong on my side" in told.blocks_text()


async def test_a_failing_home_tab_says_so(slack: SlackClient, fake_slack: FakeSlack) -> None:
    await slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    [published] = await fake_slack.wait_for("views.publish")
    assert published.args["view"]["type"] == "home"
    assert "Något gick fel hos mig" in json.dumps(published.args["view"], ensure_ascii=False)
