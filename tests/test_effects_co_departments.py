"""effekter (an activity's expected or achieved effects) and medförvaltningar (the other
departments taking part): each one field entry, a column and migration 0112, and so in
chat, the Teams card, /kontakt visa, corrections, export, erase and the report."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

from sqlalchemy import func, select, update

from adapters.cli import build_bot
from bot.features.privacy.data_rights import erase_user, export_user
from bot.kernel.messages import File, Text
from bot.kernel.turn import Services
from bot.store.models import Contact, Department, Representative
from tests.chat import Chat
from tests.conftest import COORDINATOR
from tests.teams_server import Teams, card_inputs, choice, submit_data
from tests.teams_server import anonymous_roles as anonymous_roles
from tests.teams_server import features as features  # the fixtures
from tests.teams_server import teams as teams

REP = "U1"
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
NEW = "/kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: DE; typ: EU-projekt"
KULTUR, BUF, SOCIAL = (
    "Kulturförvaltningen",
    "Barn- och utbildningsförvaltningen",
    "Socialförvaltningen",
)


async def _network(chat: Chat) -> None:
    """REP represents Kultur; two more departments have a seat each."""
    await chat.say(COORDINATOR, f"/natverk representant {REP} ny förvaltning {KULTUR}")
    await chat.say(COORDINATOR, f"/natverk representant U2 ny förvaltning {BUF}")
    await chat.say(COORDINATOR, f"/natverk representant U3 ny förvaltning {SOCIAL}")


async def _stored(services: Services) -> list[tuple[str | None, list[str]]]:
    """Each entry's effects and its co-departments by name."""
    async with services.db.session() as session:
        names = dict((await session.execute(select(Department.id, Department.name))).all())
        rows = await session.execute(
            select(Contact.effects, Contact.co_departments).order_by(Contact.id)
        )
        return [(effects, [names[i] for i in others]) for effects, others in rows]


async def _count(services: Services) -> int:
    async with services.db.session() as session:
        return int(await session.scalar(select(func.count(Contact.id))) or 0)


async def test_logged_shown_and_corrected_in_chat(services: Services) -> None:
    chat = Chat(build_bot(services))
    await _network(chat)

    saved = await chat.say(
        REP,
        f"{NEW}; effekter: Tio elever på utbyte, gemensam ansökan; "
        f"medförvaltningar: barn- och utbildning, Socialförvaltningen",
    )
    assert "Effekter: Tio elever på utbyte, gemensam ansökan" in saved
    assert f"Medförvaltningar: {BUF}, {SOCIAL}" in saved
    assert f"tolkade ”barn- och utbildning” som {BUF}" in saved  # said, not silent
    assert await _stored(services) == [("Tio elever på utbyte, gemensam ansökan", [BUF, SOCIAL])]

    listed = await chat.say(REP, "/kontakt lista")
    assert f"– {KULTUR} med {BUF}, {SOCIAL}" in " ".join(listed.split())
    shown = await chat.say(REP, "/kontakt visa 1")
    assert f"Medförvaltningar: {BUF}, {SOCIAL}" in shown and "Effekter: Tio elever" in shown

    corrected = await chat.say(REP, f"/kontakt ändra 1; medförvaltningar: {SOCIAL}; effekt: Nya")
    assert f"Medförvaltningar: {SOCIAL}" in corrected and "Effekter: Nya" in corrected
    english = await chat.say(REP, "/contact edit 1; co-departments: none; effects: Twelve pupils")
    assert "Co-departments" not in english and "Effects: Twelve pupils" in english
    assert await _stored(services) == [("Twelve pupils", [])]


async def test_unknown_or_own_departments_are_refused_and_nothing_is_saved(
    services: Services,
) -> None:
    chat = Chat(build_bot(services))
    await _network(chat)

    typo = await chat.say(REP, f"{NEW}; medförvaltningar: Socialförvaltningen, Gatukontoret")
    assert "sparades inte" in typo
    assert "Förvaltningen ”Gatukontoret” finns inte i nätverket" in typo
    assert "skilda åt med komma" in " ".join(typo.split())

    near = await chat.say(REP, f"{NEW}; medförvaltningar: Socialförvaltnignen AB")
    assert "sparades inte" in near and f"Menade du {SOCIAL}" in " ".join(near.split())

    own = await chat.say(REP, f"{NEW}; medförvaltningar: {KULTUR}, {BUF}")
    assert f"{KULTUR} är kontaktens egen förvaltning" in " ".join(own.split())
    assert "sparades inte" in own

    english = await chat.say(
        REP,
        "/contact new date: 2026-03-12; partner: Stadt Wetzlar; country: DE; "
        "type: EU project; co-departments: Parks department",
    )
    assert 'There is no department "Parks department" in the network' in " ".join(english.split())
    assert await _count(services) == 0

    await chat.say(REP, f"{NEW}; medförvaltningar: {BUF}")
    moved = await chat.say(COORDINATOR, f"/kontakt ändra 1; förvaltning: {BUF}")
    # An edit is held to it too.
    assert f"{BUF} är kontaktens egen förvaltning" in " ".join(moved.split())
    assert await _stored(services) == [(None, [BUF])]


async def test_export_carries_both_and_erase_scrubs_the_effects(services: Services) -> None:
    chat = Chat(build_bot(services))
    await _network(chat)
    effects = "Bertil Berg ordnade besöket, svar till anna@example.se"
    await chat.say(REP, f"{NEW}; effekter: {effects}; medförvaltningar: {SOCIAL}")
    exported = await export_user(services.db, user_id=REP, actor=REP, now=NOW)
    [contact] = exported["contacts"]
    assert contact["effects"] == effects
    assert contact["co_department_names"] == [SOCIAL]

    async with services.db.session() as session:  # the name Slack gives U2
        await session.execute(
            update(Representative)
            .where(Representative.user_id == "U2")
            .values(display_name="Bertil Berg")
        )
    # Another's entry naming Bertil: listed for the coordinator, scrubbed when asked.
    erased = await erase_user(
        services.db, user_id="U2", actor=COORDINATOR, now=NOW, scrub_mentions=True
    )
    assert erased.mentioned_in == [1]
    [(scrubbed, others)] = await _stored(services)
    assert scrubbed == f"{erased.pseudonym} ordnade besöket, svar till anna@example.se"
    assert others == [SOCIAL]  # a fact about departments, not personal data
    # The one who logged it: their own entries lose every e-mail address too.
    await erase_user(services.db, user_id=REP, actor=COORDINATOR, now=NOW)
    [(own, _)] = await _stored(services)
    assert own is not None and "anna@example.se" not in own


async def test_the_teams_card_has_both_and_stores_them(teams: Teams) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    await teams.say(
        f"natverk representant aad-anna ny förvaltning {KULTUR}", **{"from": coordinator}
    )
    await teams.say(f"natverk representant U3 ny förvaltning {SOCIAL}", **{"from": coordinator})
    card = (await teams.say("kontakt")).pop(0).card
    assert card is not None
    inputs = card_inputs(card)
    assert inputs["effects"]["type"] == "Input.Text" and inputs["effects"]["isMultiline"]
    assert inputs["co_departments"]["isMultiSelect"] is True
    good = submit_data(
        card,
        date="2026-03-12",
        partner="Stadt Wetzlar",
        country=choice(card, "country", "Tyskland"),
        kind=choice(card, "kind", "EU-projekt"),
        effects="Gemensam ansökan",
        co_departments=choice(card, "co_departments", SOCIAL),
    )
    status, _ = await teams.send("card_submit", id="submit-effects-1", value=good)
    assert status == 201
    assert await _stored(teams.services) == [("Gemensam ansökan", [SOCIAL])]


async def test_the_report_lists_both_and_falkopings_section_counts_the_effects(
    services: Services,
) -> None:
    falkoping = dataclasses.replace(
        services,
        settings=services.settings.model_copy(update={"municipality": "Falköping"}),
        clock=lambda: NOW,
    )
    chat = Chat(build_bot(falkoping))
    await _network(chat)
    await chat.say(REP, f'{NEW}; effekter: =HYPERLINK("x"); medförvaltningar: {SOCIAL}')
    await chat.say(REP, "/kontakt ny datum: 2026-04-01; partner: Tartu; land: EE; typ: konferens")

    summary, document = await chat.replies(COORDINATOR, "/rapport 2026 html")
    assert isinstance(summary, Text), summary
    assert "Effekter: beskrivna för 1 av 2 aktiviteter; 1 saknar en utvärdering" in summary.body
    assert isinstance(document, File)
    page = document.content.decode()
    assert '<section id="effects">' in page and "Effekter och uppföljning" in page
    assert "1 aktiviteter (50\u00a0%) saknar en utvärdering" in page
    assert '<section id="cross">' not in page  # Falköping's front matter does not ask

    [_, exported] = await chat.replies(COORDINATOR, "/rapport 2026 csv")
    assert isinstance(exported, File)
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Effekter"] == '\'=HYPERLINK("x")'  # never a formula
    assert first["Medförvaltningar"] == SOCIAL
    assert dict(zip(header, rows[2], strict=True))["Medförvaltningar"] == ""
