"""slutdatum in the Slack modal: a date picker whose value is stored."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.kernel.turn import Services
from bot.store.models import Contact
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackClient, state_values
from tests.slack.test_slack_contacts import REP, option_value, register_representative


async def test_the_modal_has_the_end_date_and_stores_it(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services
) -> None:
    await register_representative(slack, fake_slack)
    await slack.command("/kontakt", user=REP)
    [opened] = await fake_slack.wait_for("views.open")
    view = opened.args["view"]
    block = next(b for b in view["blocks"] if b.get("block_id") == "end_date")
    assert block["element"]["type"] == "datepicker" and block["optional"] is True
    values = {
        "date": "2026-03-12",
        "partner": "Stadt Wetzlar",
        "country": await option_value(slack, view, "country", "Tyskland"),
        "kind": await option_value(slack, view, "kind", "EU-projekt"),
        "end_date": "2027-06-30",
    }
    sent = await slack.interact(slack.view_submission(view, state_values(view, values), user=REP))
    assert sent.status == 200 and sent.text == ""
    await fake_slack.wait_for("chat.postMessage")
    async with slack_services.db.session() as session:
        assert (await session.scalars(select(Contact.end_date))).all() == [dt.date(2027, 6, 30)]
