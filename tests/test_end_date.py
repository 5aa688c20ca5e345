"""slutdatum, the end of a project or agreement: added as one field entry, a column and
a migration, and so in chat, the Teams card, the list, export and erase."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from adapters.cli import build_bot
from bot.features.contacts.fields import FIELDS
from bot.features.privacy.data_rights import erase_user, export_user
from bot.features.report.figures import activity_query
from bot.features.report.periods import year_period
from bot.kernel.messages import File
from bot.kernel.turn import Services
from bot.store.models import Contact
from tests.chat import Chat
from tests.conftest import COORDINATOR
from tests.teams_server import Teams, card_inputs, choice, submit_data
from tests.teams_server import anonymous_roles as anonymous_roles
from tests.teams_server import features as features  # the fixtures
from tests.teams_server import teams as teams

REP = "U1"
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
NEW = "/kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: DE; typ: EU-projekt"


async def _end_dates(services: Services) -> list[dt.date | None]:
    async with services.db.session() as session:
        return list((await session.scalars(select(Contact.end_date).order_by(Contact.id))).all())


async def test_an_agreement_is_logged_shown_listed_and_corrected_with_its_end(
    services: Services,
) -> None:
    chat = Chat(build_bot(services))
    await chat.say(COORDINATOR, f"/natverk representant {REP} ny förvaltning Kulturförvaltningen")

    saved = await chat.say(REP, f"{NEW}; slutdatum: 2027-06-30")
    assert "Slutdatum: 2027-06-30" in saved
    assert await _end_dates(services) == [dt.date(2027, 6, 30)]
    assert "#1 2026-03-12–2027-06-30 Stadt Wetzlar" in await chat.say(REP, "/kontakt lista")

    assert "Slutdatum: 2028-12-31" in await chat.say(REP, "/kontakt ändra 1; slutdatum: 2028-12-31")
    refused = await chat.say(REP, "/kontakt ändra 1; slutdatum: 2025-01-01")
    assert "2025-01-01 ligger före startdatumet 2026-03-12" in refused
    english = await chat.say(REP, "/contact edit 1; end date: none")
    assert "end date" not in english.lower()
    assert await _end_dates(services) == [None]


async def test_an_end_date_far_in_the_future_is_a_typo_not_stored(services: Services) -> None:
    chat = Chat(build_bot(services))
    await chat.say(COORDINATOR, f"/natverk representant {REP} ny förvaltning Kulturförvaltningen")
    said = " ".join((await chat.say(REP, f"{NEW}; slutdatum: 9999-12-31")).split())
    assert said == (
        "Kontakten sparades inte (1 att rätta, inget är lagrat): • slutdatum: 9999-12-31 "
        "ligger mer än 30 år fram i tiden. Kontrollera årtalet."
    )
    english = await chat.say(
        REP,
        "/contact new date: 2026-03-12; partner: Stadt Wetzlar; country: DE; "
        "type: EU project; end date: 2099-01-01",
    )
    assert "2099-01-01 is more than 30 years ahead" in " ".join(english.split())
    assert await _end_dates(services) == []
    assert "Slutdatum: 2036-12-31" in await chat.say(REP, f"{NEW}; slutdatum: 2036-12-31")


async def test_a_new_entry_that_ends_before_it_starts_is_not_stored(services: Services) -> None:
    chat = Chat(build_bot(services))
    await chat.say(COORDINATOR, f"/natverk representant {REP} ny förvaltning Kulturförvaltningen")
    said = await chat.say(REP, f"{NEW}; slutdatum: 2026-01-01")
    assert "sparades inte" in said and "slutdatum" in said
    assert await _end_dates(services) == []


async def test_export_carries_the_end_and_erase_keeps_it(services: Services) -> None:
    chat = Chat(build_bot(services))
    await chat.say(COORDINATOR, f"/natverk representant {REP} ny förvaltning Kulturförvaltningen")
    await chat.say(REP, f"{NEW}; slutdatum: 2027-06-30")
    exported = await export_user(services.db, user_id=REP, actor=REP, now=NOW)
    [contact] = exported["contacts"]
    assert contact["end_date"] == "2027-06-30"
    await erase_user(services.db, user_id=REP, actor=COORDINATOR, now=NOW)
    assert await _end_dates(services) == [dt.date(2027, 6, 30)]  # a fact, not personal data


async def test_the_teams_card_has_the_end_date_and_stores_it(teams: Teams) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    await teams.say(
        "natverk representant aad-anna ny förvaltning Kulturförvaltningen", **{"from": coordinator}
    )
    card = (await teams.say("kontakt")).pop(0).card
    assert card is not None
    assert card_inputs(card)["end_date"]["type"] == "Input.Date"
    good = submit_data(
        card,
        date="2026-03-12",
        partner="Stadt Wetzlar",
        country=choice(card, "country", "Tyskland"),
        kind=choice(card, "kind", "EU-projekt"),
        end_date="2027-06-30",
    )
    status, _ = await teams.send("card_submit", id="submit-end-1", value=good)
    assert status == 201
    assert await _end_dates(teams.services) == [dt.date(2027, 6, 30)]


async def test_the_report_lists_the_end_and_flags_an_agreement_past_it(services: Services) -> None:
    falun = dataclasses.replace(
        services,
        settings=services.settings.model_copy(update={"municipality": "Falun"}),
        clock=lambda: NOW,
    )
    chat = Chat(build_bot(falun))
    await chat.say(COORDINATOR, f"/natverk representant {REP} ny förvaltning Kulturförvaltningen")
    await chat.say(REP, f"{NEW}; slutdatum: 2026-06-30")
    [_, document] = await chat.replies(COORDINATOR, "/rapport 2026 html")
    assert isinstance(document, File)
    text = document.content.decode()
    assert "Slutdatum" in text and "2026-06-30" in text  # the activity list's column
    assert "slutdatum passerat" in text  # the register: Falun limits agreements in time


def test_every_stored_contact_field_is_in_the_reports_activity_list() -> None:
    listed = {column.name for column in activity_query(year_period(2026)).selected_columns}
    stored = {field.name for field in FIELDS if field.name in Contact.__table__.columns}
    assert stored <= listed, stored - listed
