"""The Slack adapter's own translations, end to end through the real server, with a
stand-in core handler where the behaviour under test is the adapter's: every field type
of a form as a modal element, options for a long select, form values back, the
deadline for modal submissions, files, the App Home tab and its buttons."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from adapters.slack import listeners as slack_listeners
from bot.features import all_features
from bot.features.contacts.texts import CATALOG as CONTACT_TEXTS
from bot.kernel.feature import Command, Feature, FormSpec
from bot.kernel.messages import (
    Error,
    File,
    Form,
    FormErrors,
    FormField,
    FormSubmit,
    Reply,
    Text,
)
from bot.kernel.turn import Turn
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackClient, state_values

COUNTRIES = [(f"C{i:03d}", f"Land {i:03d}") for i in range(240)] + [
    ("DE", "Tyskland"),
    ("AT", "Österrike"),
]

FIELDS = [
    FormField(name="date", label="Datum", type="date", required=True, initial="2026-03-12"),
    FormField(name="partner", label="Partner", required=True, placeholder="Stadt Wetzlar"),
    FormField(name="country", label="Land", type="select", required=True, options=COUNTRIES),
    FormField(
        name="kind",
        label="Typ",
        type="select",
        required=True,
        options=[("twin_town", "Vänort"), ("eu_project", "EU-projekt")],
    ),
    FormField(
        name="areas",
        label="Område",
        type="multiselect",
        options=[("kompetens", "Kompetens"), ("natverk", "Nätverk")],
        initial=["natverk"],
    ),
    FormField(name="participants", label="Deltagare", type="number"),
    FormField(name="youth", label="Unga", type="toggle", hint="Unga deltog"),
    FormField(name="description", label="Beskrivning", type="textarea", hint="Vad hände?"),
    FormField(name="department", label="Förvaltning", initial="Kulturförvaltningen"),
]

FORM = Form(form_id="probe", title="Ny internationell kontakt", submit_label="Spara", fields=FIELDS)


class Core:
    """Stand-in handlers: what they were given, and what they answer."""

    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.submits: list[FormSubmit] = []
        self.answer: list[Reply] = [Text(body="Sparat.")]
        self.delay = 0.0

    async def command(self, turn: Turn) -> list[Reply]:
        self.turns.append(turn)
        if turn.args.startswith("fil"):
            return [
                Text(body="Rapport 2026: 12 kontakter."),
                File(
                    filename="rapport.docx",
                    content=b"PK\x03\x04docx",
                    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    title="Rapport 2026",
                ),
            ]
        return [FORM]

    async def build(self, turn: Turn) -> Form:
        return FORM

    async def submit(self, turn: Turn, submit: FormSubmit) -> list[Reply]:
        self.submits.append(submit)
        await asyncio.sleep(self.delay)
        return self.answer


@pytest.fixture
def core() -> Core:
    return Core()


@pytest.fixture
def slack_features(core: Core) -> list[Feature]:
    """The real core, with `/kontakt` and its form played by the stand-in."""
    stand_in = Feature(
        name="contacts",
        texts=CONTACT_TEXTS,
        commands={"kontakt": Command(handler=core.command, language="sv")},
        forms={"probe": FormSpec(build=core.build, submit=core.submit)},
    )
    return [f for f in all_features() if f.name != "contacts"] + [stand_in]


async def open_modal(slack: SlackClient, fake: FakeSlack) -> dict[str, Any]:
    await slack.command("/kontakt")
    [opened] = await fake.wait_for("views.open")
    assert opened.args["trigger_id"].startswith("trigger.")
    view: dict[str, Any] = opened.args["view"]
    return view


def element(view: dict[str, Any], name: str) -> dict[str, Any]:
    blocks = view["blocks"]
    assert isinstance(blocks, list)
    return next(b["element"] for b in blocks if b.get("block_id") == name)


async def test_every_field_type_becomes_its_modal_element(
    slack: SlackClient, fake_slack: FakeSlack, core: Core
) -> None:
    view = await open_modal(slack, fake_slack)
    assert view["callback_id"] == "form:probe"
    assert view["title"]["text"] == "Ny internationell konta…"  # 24 characters at most
    assert element(view, "date") == {
        "type": "datepicker",
        "action_id": "date",
        "initial_date": "2026-03-12",
    }
    assert element(view, "country")["type"] == "external_select"  # 242 options > 100
    assert element(view, "kind")["type"] == "static_select"
    areas = element(view, "areas")
    assert areas["type"] == "multi_static_select"
    assert [o["value"] for o in areas["initial_options"]] == ["natverk"]
    assert element(view, "participants")["type"] == "number_input"
    assert element(view, "youth")["type"] == "checkboxes"
    assert element(view, "description")["multiline"] is True
    assert element(view, "department")["initial_value"] == "Kulturförvaltningen"
    optional = {b["block_id"]: b["optional"] for b in view["blocks"] if b["type"] == "input"}
    assert optional["partner"] is False and optional["areas"] is True and optional["youth"] is True


async def test_a_long_select_gets_its_options_filtered_by_what_was_typed(
    slack: SlackClient, fake_slack: FakeSlack, core: Core
) -> None:
    view = await open_modal(slack, fake_slack)
    payload = {
        "type": "block_suggestion",
        "user": {"id": "U1"},
        "team": {"id": "T0001"},
        "api_app_id": "A0001",
        "action_id": "country",
        "block_id": "country",
        "value": "osterr",
        "view": {**view, "id": "V1"},
    }
    sent = await slack.interact(payload)
    assert sent.status == 200
    assert sent.json()["options"] == [
        {"text": {"type": "plain_text", "text": "Österrike", "emoji": False}, "value": "AT"}
    ]
    everything = await slack.interact({**payload, "value": ""})
    assert len(everything.json()["options"]) == 100


async def test_submitted_values_reach_the_core_typed_with_the_view_as_idempotency_key(
    slack: SlackClient, fake_slack: FakeSlack, core: Core
) -> None:
    view = await open_modal(slack, fake_slack)
    values = {
        "date": "2026-03-12",
        "partner": "Stadt Wetzlar",
        "country": "DE",
        "kind": "twin_town",
        "areas": ["kompetens", "natverk"],
        "participants": "12",
        "youth": True,
        "description": "Skolutbyte",
        "department": "Kulturförvaltningen",
    }
    sent = await slack.interact(
        slack.view_submission(view, state_values(view, values), view_id="V777")
    )
    assert sent.status == 200 and sent.text == ""  # closes the modal
    submit = core.submits[-1]
    assert submit.form_id == "probe" and submit.platform == "slack" and submit.user == "U1"
    assert submit.idempotency_key == "slack:V777"
    assert dict(submit.values) == values
    [confirmation] = await fake_slack.wait_for("chat.postMessage")
    assert confirmation.args["channel"] == "U1"  # the DM with the bot
    assert "Sparat." in confirmation.blocks_text()


async def test_field_errors_come_back_in_the_modal(
    slack: SlackClient, fake_slack: FakeSlack, core: Core
) -> None:
    view = await open_modal(slack, fake_slack)
    core.answer = [
        FormErrors(
            form_id="probe",
            errors={
                "country": "Okänt land: Tyskaland. Menade du Tyskland?",
                "": "Datum eller partner saknas.",
            },
            summary="…",
        )
    ]
    sent = await slack.interact(slack.view_submission(view, state_values(view, {"country": "XX"})))
    assert sent.json() == {
        "response_action": "errors",
        "errors": {
            "country": "Okänt land: Tyskaland. Menade du Tyskland?",
            "date": "Datum eller partner saknas.",
        },
    }
    core.answer = [Error(body="Du är inte representant.")]
    refused = await slack.interact(slack.view_submission(view, state_values(view, {})))
    assert refused.json() == {
        "response_action": "errors",
        "errors": {"date": "Du är inte representant."},
    }
    await fake_slack.settle()
    assert fake_slack.called("chat.postMessage") == []


async def test_a_slow_submission_closes_the_modal_in_time_and_confirms_by_dm(
    slack: SlackClient, fake_slack: FakeSlack, core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(slack_listeners, "FORM_DEADLINE", 0.2)
    core.delay = 1.0
    view = await open_modal(slack, fake_slack)
    sent = await slack.interact(slack.view_submission(view, state_values(view, {})))
    assert sent.status == 200 and sent.elapsed < 0.9
    [confirmation] = await fake_slack.wait_for("chat.postMessage")
    assert "Sparat." in confirmation.blocks_text()


async def test_a_file_is_uploaded_to_the_channel_with_files_upload_v2(
    slack: SlackClient, fake_slack: FakeSlack, core: Core
) -> None:
    await slack.command("/kontakt", "fil", channel="C9")
    [summary] = await fake_slack.wait_for("response_url")
    assert "12 kontakter" in summary.blocks_text()
    [complete] = await fake_slack.wait_for("files.completeUploadExternal")
    [url] = fake_slack.called("files.getUploadURLExternal")
    [upload] = fake_slack.called("upload")
    assert url.args["filename"] == "rapport.docx"
    assert upload.raw == b"PK\x03\x04docx"
    assert complete.args["channel_id"] == "C9"
    assert complete.args["files"][0]["title"] == "Rapport 2026"


async def test_where_the_bot_may_not_upload_the_file_comes_by_dm(
    slack: SlackClient, fake_slack: FakeSlack, core: Core
) -> None:
    fake_slack.fail_once["files.completeUploadExternal"] = "not_in_channel"
    await slack.command("/kontakt", "fil", channel="C9")
    await fake_slack.wait_for("conversations.open")
    completes = await fake_slack.wait_for("files.completeUploadExternal", 2)
    assert completes[-1].args["channel_id"] == "DU1"
    notes = await fake_slack.wait_for("response_url", 2)
    assert "direktmeddelande" in notes[-1].blocks_text()


async def test_app_home_shows_role_and_buttons_that_open_form_and_help(
    slack: SlackClient, fake_slack: FakeSlack, core: Core
) -> None:
    await slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    [published] = await fake_slack.wait_for("views.publish")
    assert published.args["user_id"] == "U1"
    home = published.args["view"]
    assert home["type"] == "home"
    actions = next(b for b in home["blocks"] if b["type"] == "actions")
    form_button, help_button = actions["elements"]
    await slack.interact(
        slack.block_action(
            {**form_button, "type": "button"}, channel=None, view={"id": "VHOME", "type": "home"}
        )
    )
    [opened] = await fake_slack.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == "form:probe"
    await slack.interact(
        slack.block_action(
            {**help_button, "type": "button"}, channel=None, view={"id": "VHOME", "type": "home"}
        )
    )
    opened_help = (await fake_slack.wait_for("views.open", 2))[-1]
    assert "/kontakt" in opened_help.blocks_text()
