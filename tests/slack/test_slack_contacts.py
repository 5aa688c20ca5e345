"""The contact log and the report through Slack, end to end with the real core: the
coordinator registers a representative, the representative opens the modal with
/kontakt, a submission with errors comes back as field errors and stores nothing, a
valid one is stored once and confirmed, and /rapport delivers the summary and the file."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from adapters.cli import build_bot
from bot.kernel.messages import Form
from bot.kernel.turn import Services
from bot.store.models import Contact
from tests.chat import Chat
from tests.conftest import COORDINATOR
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackClient, state_values

REP = "U1"


async def contacts_stored(services: Services) -> int:
    async with services.db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Contact)) or 0)


@pytest.fixture
async def contact_form(slack_services: Services) -> Form:
    """The core's contact form, as the coordinator opens it in Slack."""
    [form] = await Chat(build_bot(slack_services), "slack").replies(COORDINATOR, "/kontakt")
    assert isinstance(form, Form)
    return form


async def register_representative(slack: SlackClient, fake: FakeSlack) -> None:
    await slack.command(
        "/natverk",
        f"representant <@{REP}|anna> ny förvaltning Kulturförvaltningen",
        user=COORDINATOR,
    )
    [registered] = await fake.wait_for("response_url")
    assert "warning" not in registered.blocks_text(), registered.blocks_text()
    fake.calls.clear()


async def option_value(slack: SlackClient, view: dict[str, Any], name: str, label: str) -> str:
    """The option whose label is `label`, as a user picks it (static or external)."""
    block = next(b for b in view["blocks"] if b.get("block_id") == name)
    element = block["element"]
    if "options" in element:
        return str(next(o["value"] for o in element["options"] if o["text"]["text"] == label))
    sent = await slack.interact(
        {
            "type": "block_suggestion",
            "user": {"id": REP},
            "team": {"id": "T0001"},
            "api_app_id": "A0001",
            "action_id": element["action_id"],
            "block_id": name,
            "value": label[:4],
            "view": {**view, "id": "V1"},
        }
    )
    return str(next(o["value"] for o in sent.json()["options"] if o["text"]["text"] == label))


async def test_contact_by_modal_field_errors_then_stored_once_and_confirmed(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services, contact_form: Form
) -> None:
    await register_representative(slack, fake_slack)
    await slack.command("/kontakt", user=REP)
    [opened] = await fake_slack.wait_for("views.open")
    view = opened.args["view"]
    kinds = {b["block_id"]: b["element"]["type"] for b in view["blocks"] if b["type"] == "input"}
    assert kinds["date"] == "datepicker"
    assert kinds["country"] in ("static_select", "external_select")
    assert kinds["kind"] == "static_select"
    department = next(b for b in view["blocks"] if b.get("block_id") == "department")["element"]
    assert "Kultur" in str(department.get("initial_value") or department.get("initial_option"))

    country = await option_value(slack, view, "country", "Tyskland")
    kind = next(
        o["value"]
        for o in next(b for b in view["blocks"] if b.get("block_id") == "kind")["element"][
            "options"
        ]
    )
    good = {
        "date": "2026-03-12",
        "partner": "Stadt Wetzlar",
        "country": country,
        "kind": kind,
        "description": "Skolutbyte åk 8 <!channel> @here <@U999>",
    }

    bad = {**good, "date": "2031-01-01", "partner": ""}
    rejected = await slack.interact(slack.view_submission(view, state_values(view, bad), user=REP))
    assert rejected.status == 200
    answer = rejected.json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) <= {b["block_id"] for b in view["blocks"] if b["type"] == "input"}
    assert "date" in answer["errors"] or "partner" in answer["errors"]
    assert await contacts_stored(slack_services) == 0

    accepted = await slack.interact(slack.view_submission(view, state_values(view, good), user=REP))
    assert accepted.status == 200 and accepted.text == ""  # the modal closes
    [confirmation] = await fake_slack.wait_for("chat.postMessage")
    assert confirmation.args["channel"] == REP
    assert await contacts_stored(slack_services) == 1
    shown = confirmation.args["text"] + confirmation.blocks_text()
    assert "Wetzlar" in shown
    assert "<!channel>" not in shown and "<@U999>" not in shown

    # The same submission again (a double click, a retry): stored once.
    again = await slack.interact(slack.view_submission(view, state_values(view, good), user=REP))
    assert again.status == 200
    await fake_slack.settle()
    assert await contacts_stored(slack_services) == 1


async def test_one_line_kontakt_ny_is_stored_and_answered_ephemerally(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services, contact_form: Form
) -> None:
    await register_representative(slack, fake_slack)
    await slack.command(
        "/kontakt",
        "ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; typ: vänort; "
        "beskrivning: Skolutbyte &lt;!here&gt;",
        user=REP,
    )
    [reply] = await fake_slack.wait_for("response_url")
    assert reply.args["response_type"] == "ephemeral"
    assert "<!here>" not in reply.raw.decode()
    assert await contacts_stored(slack_services) == 1


async def test_rapport_delivers_the_summary_and_the_document(
    slack: SlackClient, fake_slack: FakeSlack, slack_services: Services
) -> None:
    await slack.command("/rapport", "2026 docx", user=COORDINATOR, channel="C7")
    [summary] = await fake_slack.wait_for("response_url")
    assert summary.args["response_type"] == "ephemeral" and summary.blocks_text()
    [complete] = await fake_slack.wait_for("files.completeUploadExternal")
    assert complete.args["channel_id"] == "C7"
    [upload] = fake_slack.called("upload")
    assert upload.raw[:2] == b"PK"  # a DOCX is a zip


async def test_app_home_tells_each_user_their_role(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    await register_representative(slack, fake_slack)
    for user in (REP, COORDINATOR, "U9"):
        await slack.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
    homes = {
        call.args["user_id"]: call.blocks_text()
        for call in await fake_slack.wait_for("views.publish", 3)
    }
    assert "Du representerar Kulturförvaltningen" in homes[REP]
    assert "samordnare" in homes[COORDINATOR]
    assert "fråga den internationella samordnaren" in homes["U9"]
