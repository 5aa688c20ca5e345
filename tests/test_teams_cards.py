"""Teams end to end, cards: feedback and other submits, installs, the contact form as a
card (with a stand-in core and with the real contact log)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.kernel.feature import Command, Feature, FormSpec
from bot.kernel.i18n import Catalog
from bot.kernel.messages import (
    Form,
    FormErrors,
    FormField,
    FormSubmit,
    Reply,
    Text,
)
from bot.kernel.turn import Turn
from bot.store.models import AnswerFeedback
from tests.teams_server import (
    Teams,
    choice,
    contacts_count,
    seen,
    submit_data,
)
from tests.teams_server import anonymous_roles as anonymous_roles  # the fixtures
from tests.teams_server import features as features
from tests.teams_server import teams as teams
from tests.teams_support import (
    card_inputs,
    card_texts,
)

# --- card submits ----------------------------------------------------------------------


async def test_feedback_click_is_recorded_and_thanked(teams: Teams) -> None:
    answer = await teams.say("Vem tecknar samarbetsavtal i Motala?")
    card = answer[0].card
    assert card is not None
    helpful = card["actions"][0]["data"]
    # Teams sends the action's data back as the activity's value.
    status, posted = await teams.send("card_submit", value=helpful)
    assert status == 201
    assert [p.text for p in posted] == ["Tack för återkopplingen!"]
    async with teams.services.db.session() as session:
        rows = (await session.scalars(select(AnswerFeedback))).all()
    assert len(rows) == 1
    row = rows[0]
    assert row.user_id == "aad-anna"  # the AAD object id, not the Teams channel id
    assert row.platform == "teams"
    assert row.helpful is True
    assert row.question == "Vem tecknar samarbetsavtal i Motala?"
    assert row.passage_id == helpful["passage_id"]


async def test_a_submit_without_our_marker_is_ignored(teams: Teams) -> None:
    status, posted = await teams.send("card_submit", value={"something": "else"})
    assert status == 201
    assert posted == []


# --- install ---------------------------------------------------------------------------


async def test_installing_the_bot_posts_a_welcome(teams: Teams) -> None:
    status, posted = await teams.send("conversation_update_installed")
    assert status == 201
    assert len(posted) == 1
    text = posted[0].text
    assert text.startswith("Hej! Jag är det internationella nätverkets bot.")
    for command in ("fraga", "kontakt", "rapport 2026", "hjalp"):
        assert command in text
    assert posted[0].path == "/v3/conversations/19:network-general@thread.tacv2/activities"


async def test_someone_else_joining_gets_no_greeting(teams: Teams) -> None:
    status, posted = await teams.send(
        "conversation_update_installed", membersAdded=[{"id": "29:1new-member"}]
    )
    assert status == 201
    assert posted == []


# --- the contact form, through a stand-in for the core's contact handler ---------------


class ContactStandIn:
    """Plays the core's `kontakt` command and `contact` form with a small form, so the
    card flow is tested apart from the contact log's own rules."""

    form = Form(
        form_id="contact",
        title="Ny internationell kontakt",
        submit_label="Spara",
        fields=[
            FormField(name="date", label="Datum", type="date", required=True),
            FormField(name="partner", label="Partner", required=True),
            FormField(
                name="country",
                label="Land",
                type="select",
                required=True,
                options=[("DE", "Tyskland"), ("FI", "Finland"), ("NO", "Norge")],
            ),
            FormField(
                name="areas",
                label="Område",
                type="multiselect",
                options=[("kompetens", "Kompetens"), ("projekt", "Projekt")],
            ),
            FormField(name="youth", label="Unga deltar", type="toggle", initial=False),
            FormField(name="description", label="Beskrivning", type="textarea"),
        ],
    )

    def __init__(self) -> None:
        self.stored: list[tuple[str, dict[str, Any], str | None]] = []

    async def command(self, turn: Turn) -> list[Reply]:
        return [self.form]

    async def build(self, turn: Turn) -> Form:
        return self.form

    async def submit(self, turn: Turn, submit: FormSubmit) -> list[Reply]:
        values = dict(submit.values)
        errors = {}
        if not values.get("partner"):
            errors["partner"] = "Ange partnerorganisationen."
        if values.get("country") not in {"DE", "FI", "NO"}:
            errors["country"] = "Välj ett land."
        if errors:
            return [FormErrors(form_id="contact", errors=errors, summary="Rätta 2 fel.")]
        if any(key == submit.idempotency_key for *_, key in self.stored):
            return [Text(body="Redan sparad.")]
        self.stored.append((turn.user, values, submit.idempotency_key))
        return [Text(body=f"Sparade kontakten med {values['partner']}.")]


@pytest.fixture
def contact_stand_in(features: list[Feature]) -> ContactStandIn:
    """Stands in for the contact log's feature in the `teams` server's core."""
    stand_in = ContactStandIn()
    features[:] = [f for f in features if f.name != "contacts"]
    features.append(
        Feature(
            name="contacts",
            texts=Catalog({}),
            commands={"kontakt": Command(handler=stand_in.command, language="sv")},
            forms={"contact": FormSpec(build=stand_in.build, submit=stand_in.submit)},
        )
    )
    return stand_in


async def test_the_contact_form_as_a_card_rejected_then_stored(
    contact_stand_in: ContactStandIn, teams: Teams
) -> None:
    posted = await teams.say("kontakt")
    card = posted[0].card
    assert card is not None
    inputs = card_inputs(card)
    assert inputs["date"]["type"] == "Input.Date"
    assert inputs["country"]["type"] == "Input.ChoiceSet"
    assert inputs["areas"]["isMultiSelect"] is True
    assert inputs["youth"]["type"] == "Input.Toggle"

    # A bad submit: errors on the card, the user's values kept, nothing stored.
    bad = submit_data(
        card, date="2026-03-12", partner="", country="", areas="kompetens,projekt", youth="true"
    )
    status, posted = await teams.send("card_submit", id="submit-1", value=bad)
    assert status == 201
    assert contact_stand_in.stored == []
    (again,) = [p.card for p in posted if p.card is not None]
    texts = card_texts(again)
    assert "Rätta 2 fel." in texts
    assert "Ange partnerorganisationen." in texts and "Välj ett land." in texts
    kept = card_inputs(again)
    assert kept["date"]["value"] == "2026-03-12"
    assert kept["areas"]["value"] == "kompetens,projekt"
    assert kept["youth"]["value"] == "true"
    assert "value" not in kept["partner"]

    # Corrected and submitted again: stored once, with typed values and the activity id.
    good = submit_data(
        again,
        date="2026-03-12",
        partner="Stadt Wetzlar",
        country="DE",
        areas="kompetens,projekt",
        youth="true",
        description="Skolutbyte åk 8",
    )
    status, posted = await teams.send("card_submit", id="submit-2", value=good)
    assert status == 201
    assert [p.text for p in posted] == ["Sparade kontakten med Stadt Wetzlar."]
    assert contact_stand_in.stored == [
        (
            "aad-anna",
            {
                "date": "2026-03-12",
                "partner": "Stadt Wetzlar",
                "country": "DE",
                "areas": ["kompetens", "projekt"],
                "youth": True,
                "description": "Skolutbyte åk 8",
            },
            "submit-2",
        )
    ]
    # Teams retries a delivery with the same activity id: its id is seen, so the turn
    # does not run again and nothing is answered twice (the stand-in would say so).
    status, posted = await teams.send("card_submit", id="submit-2", value=good)
    assert status in {200, 201} and posted == []
    assert len(contact_stand_in.stored) == 1


# --- the real contact log through the card ------------------------------------------------


async def test_a_representative_logs_a_contact_with_the_card(teams: Teams) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    setup = await teams.say(
        "natverk representant aad-anna ny förvaltning Kultur- och fritidsförvaltningen",
        **{"from": coordinator},
    )
    assert setup, "the coordinator gets an answer"

    posted = await teams.say("kontakt")
    card = posted[0].card
    assert card is not None, seen(posted)
    inputs = card_inputs(card)
    assert inputs["date"]["type"] == "Input.Date"
    assert inputs["country"]["type"] == "Input.ChoiceSet"
    assert inputs["country"]["style"] == "filtered"
    assert inputs["kind"]["type"] == "Input.ChoiceSet"

    # Missing partner and a description: rejected on the card, nothing stored.
    bad = submit_data(card, date="2026-03-12", country=choice(card, "country", "Tyskland"))
    status, posted = await teams.send("card_submit", id="submit-real-1", value=bad)
    assert status == 201
    again = next(p.card for p in posted if p.card is not None)
    assert "errors" in [e.get("id") for e in again["body"]]
    assert card_inputs(again)["date"]["value"] == "2026-03-12"
    assert await contacts_count(teams.services) == 0

    good = submit_data(
        card,
        date="2026-03-12",
        partner="Stadt Wetzlar",
        country=choice(card, "country", "Tyskland"),
        kind=choice(card, "kind", "Vänort"),
        description="Skolutbyte åk 8 <!channel> **fet**",
    )
    status, posted = await teams.send("card_submit", id="submit-real-2", value=good)
    assert status == 201
    assert await contacts_count(teams.services) == 1, seen(posted)
    # A retried delivery of the same submit stores nothing more.
    await teams.send("card_submit", id="submit-real-2", value=good)
    assert await contacts_count(teams.services) == 1

    listed = seen(await teams.say("kontakt lista"))
    assert "Stadt Wetzlar" in listed
