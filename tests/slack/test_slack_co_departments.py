"""effekter and medförvaltningar in the Slack modal: a text area and a multi-select of
the network's departments, whose values are stored."""

from __future__ import annotations

from sqlalchemy import select

from bot.kernel.turn import Services
from bot.store.models import Contact, Department
from tests.conftest import COORDINATOR
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackClient, state_values
from tests.slack.test_slack_contacts import REP, option_value, register_representative


async def test_the_modal_has_effects_and_co_departments_and_stores_them(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services
) -> None:
    await register_representative(slack, fake_slack)
    await slack.command(
        "/natverk", "representant U3 ny förvaltning Socialförvaltningen", user=COORDINATOR
    )
    await fake_slack.wait_for("response_url")
    fake_slack.calls.clear()
    await slack.command("/kontakt", user=REP)
    [opened] = await fake_slack.wait_for("views.open")
    view = opened.args["view"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["effects"]["element"]["multiline"] is True
    others = blocks["co_departments"]["element"]
    assert others["type"] == "multi_static_select" and blocks["co_departments"]["optional"]
    assert [o["text"]["text"] for o in others["options"]] == [
        "Kulturförvaltningen",
        "Socialförvaltningen",
    ]
    values = {
        "date": "2026-03-12",
        "partner": "Stadt Wetzlar",
        "country": await option_value(slack, view, "country", "Tyskland"),
        "kind": await option_value(slack, view, "kind", "EU-projekt"),
        "effects": "Gemensam ansökan beviljad",
        "co_departments": [
            await option_value(slack, view, "co_departments", "Socialförvaltningen")
        ],
    }
    sent = await slack.interact(slack.view_submission(view, state_values(view, values), user=REP))
    assert sent.status == 200 and sent.text == ""
    await fake_slack.wait_for("chat.postMessage")
    async with slack_services.db.session() as session:
        social = await session.scalar(
            select(Department.id).where(Department.name == "Socialförvaltningen")
        )
        stored = (await session.execute(select(Contact.effects, Contact.co_departments))).all()
    assert [tuple(row) for row in stored] == [("Gemensam ansökan beviljad", [social])]


async def test_a_forged_department_id_is_refused_in_the_modal(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services
) -> None:
    await register_representative(slack, fake_slack)
    await slack.command("/kontakt", user=REP)
    [opened] = await fake_slack.wait_for("views.open")
    view = opened.args["view"]
    values = {
        "date": "2026-03-12",
        "partner": "Stadt Wetzlar",
        "country": await option_value(slack, view, "country", "Tyskland"),
        "kind": await option_value(slack, view, "kind", "EU-projekt"),
        "co_departments": ["999"],
    }
    sent = await slack.interact(slack.view_submission(view, state_values(view, values), user=REP))
    assert sent.status == 200 and "co_departments" in sent.text and "999" in sent.text
    async with slack_services.db.session() as session:
        assert (await session.scalars(select(Contact.id))).all() == []
