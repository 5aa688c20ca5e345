"""The contact log as a conversation (issue 3): the coordinator registers a
representative, who logs three contacts (one with a typo in the country), lists them,
corrects one and deletes one; someone else is refused; a bad entry is rejected with
every problem named and nothing stored. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.messages import Error, Form, FormErrors, FormSubmit, FormValue, Text
from bot.kernel.turn import Services
from bot.store.db import Database
from bot.store.models import AuditEntry, Contact, Department, Representative
from knowledge.index import PolicyIndex
from tests.chat import Chat
from tests.conftest import COORDINATOR

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
REP = "U1"


@pytest.fixture
def services(settings: Settings, database: Database, policy_index: PolicyIndex) -> Services:
    return Services(settings=settings, index=policy_index, db=database, clock=lambda: NOW)


async def say(chat: Chat, user: str, text: str) -> str:
    """The reply with the console's line wrapping undone."""
    return re.sub(r"[ \n]+", " ", await chat.say(user, text))


async def count(services: Services, model: type, *where: object) -> int:
    async with services.db.session() as session:
        query = select(func.count()).select_from(model)
        if where:
            query = query.where(*where)  # type: ignore[arg-type]
        return int(await session.scalar(query) or 0)


async def register(chat: Chat) -> str:
    return await say(
        chat, COORDINATOR, f"/natverk representant <@{REP}|anna> ny förvaltning Kulturförvaltningen"
    )


async def test_the_issue_conversation(chat: Chat, services: Services) -> None:
    reply = await register(chat)
    assert "anna (U1) representerar nu Kulturförvaltningen" in reply

    first = await say(
        chat,
        REP,
        "/kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; typ: vänort; "
        "beskrivning: Skolutbyte åk 8; område: kompetens; deltagare: 25; unga: ja; "
        "finansiering: 45 000 SEK Erasmus+",
    )
    assert "Sparad: kontakt #" in first
    assert "Stadt Wetzlar (Tyskland) · Vänort" in first
    assert "45\u00a0000 SEK (Erasmus+)" in first
    second = await say(
        chat,
        REP,
        "/kontakt ny datum: 12 mars 2026; partner: Tartu linn; land: Estlnd; typ: studiebesök",
    )
    assert "Tartu linn (Estland) · Studiebesök" in second  # the typo was understood
    third = await say(
        chat, REP, "/kontakt ny datum: igår; partner: Eurocities; land: BE; typ: nätverksmöte"
    )
    assert "Eurocities (Belgien) · Nätverk" in third
    assert "2026-11-21" in third
    assert await count(services, Contact) == 3

    listed = await say(chat, REP, "/kontakt lista")
    assert "Kontakter – Kulturförvaltningen (3)" in listed
    for partner in ("Stadt Wetzlar", "Tartu linn", "Eurocities"):
        assert partner in listed

    async with services.db.session() as session:
        ids = {c.partner: c.id for c in await session.scalars(select(Contact))}
    corrected = await say(
        chat, REP, f"/kontakt ändra {ids['Tartu linn']}; deltagare: 12; stad: Tartu"
    )
    assert f"Ändrad: kontakt #{ids['Tartu linn']}" in corrected
    assert "Tartu linn (Tartu, Estland)" in corrected and "Deltagare: 12" in corrected

    asked = await say(chat, REP, f"/kontakt ta bort {ids['Eurocities']}")
    assert (
        "Vill du ta bort" in asked
        and await count(services, Contact, Contact.deleted_at.is_not(None)) == 0
    )
    deleted = await say(chat, REP, f"/kontakt ta bort {ids['Eurocities']} ja")
    assert "Borttagen: #" in deleted
    listed = await say(chat, REP, "/kontakt lista")
    assert "(2)" in listed and "Eurocities" not in listed
    assert await count(services, Contact) == 3  # soft delete: the row stays
    assert await count(services, Contact, Contact.deleted_at.is_not(None)) == 1
    async with services.db.session() as session:
        actions = [
            (a.action, a.entity_id)
            for a in await session.scalars(
                select(AuditEntry).where(AuditEntry.entity == "contact").order_by(AuditEntry.id)
            )
        ]
    assert actions.count(("create", ids["Tartu linn"])) == 1
    assert ("update", ids["Tartu linn"]) in actions
    assert ("delete", ids["Eurocities"]) in actions

    refused = await say(chat, "eve", "/kontakt ny datum: idag; partner: X; land: DE; typ: annat")
    assert "inte registrerad som representant" in refused
    assert "samordnaren (coord)" in refused
    assert "refused" not in refused and await count(services, Contact) == 3
    assert (
        "bara den internationella samordnaren"
        in (
            await say(chat, "eve", "/natverk representant eve ny förvaltning Kulturförvaltningen")
        ).lower()
    )
    assert "inte registrerad" in await say(chat, "eve", "/kontakt lista")

    bad = await say(
        chat,
        REP,
        "/kontakt ny datum: 2031-01-01; land: Tysklamd Narnia; typ: fest; deltagare: många; "
        "finansiering: mycket pengar",
    )
    assert "inget är lagrat" in bad
    for problem in (
        "datum: 2031-01-01 ligger mer än ett år fram",
        "partner: saknas",
        "land: ”Tysklamd Narnia” känner jag inte igen",
        "Menade du",
        "typ: ”fest”",
        "deltagare: ”många” är inget antal",
        "finansiering: ”mycket pengar”",
    ):
        assert problem in bad, problem
    assert await count(services, Contact) == 3


async def test_english_keywords_answer_in_english(chat: Chat) -> None:
    await register(chat)
    saved = await say(
        chat,
        REP,
        "/contact new date: 12 March 2026; partner: Stadt Wetzlar; country: Germany; "
        "type: twin town; youth: no",
    )
    assert "Saved: contact #1" in saved and "(Germany) · Twin town" in saved
    assert "Contacts – Kulturförvaltningen (1)" in await say(chat, REP, "/contact list")
    assert "Like this: /contact edit" in await say(chat, REP, "/contact edit 1")


async def test_others_entries_cannot_be_changed_but_the_coordinator_can(chat: Chat) -> None:
    await register(chat)
    await say(chat, COORDINATOR, "/natverk rep bertil kulturforvaltningen")
    await say(chat, REP, "/kontakt ny datum: idag; partner: Stadt Wetzlar; land: DE; typ: vänort")
    assert "loggades av någon annan" in await say(chat, "bertil", "/kontakt ta bort 1")
    assert "Stadt Wetzlar" in await say(chat, "bertil", "/kontakt visa 1")  # same department
    changed = await say(
        chat, COORDINATOR, "/kontakt ändra 1; förvaltning: kulturforvaltningen; partner: Wetzlar"
    )
    assert "Ändrad: kontakt #1" in changed
    assert "ingen kontakt #99" in await say(chat, REP, "/kontakt visa 99")


async def test_the_network_is_listed_and_a_department_is_not_duplicated(
    chat: Chat, services: Services
) -> None:
    await register(chat)
    moved = await say(chat, COORDINATOR, "/natverk rep U2 kulturforvaltningen")
    assert "Kulturförvaltningen" in moved and "ny i nätverket" not in moved
    unknown = await say(chat, COORDINATOR, "/natverk rep U3 Socialförvaltningen")
    assert "Förvaltningen ”Socialförvaltningen” finns inte i nätverket" in unknown
    assert "/natverk representant U3 ny förvaltning Socialförvaltningen" in unknown
    assert await count(services, Department) == 1  # nothing created by accident
    await say(chat, COORDINATOR, "/natverk rep U3 ny förvaltning Socialförvaltningen")
    assert await count(services, Department) == 2
    moved = await say(chat, COORDINATOR, "/natverk rep U3 Kulturförvaltningen")
    assert "Platsen i Socialförvaltningen är avslutad" in moved
    listed = await say(chat, COORDINATOR, "/natverk lista")
    assert "Kulturförvaltningen: anna (U1), U2, U3" in listed
    assert "Utan representant: Socialförvaltningen" in listed
    removed = await say(chat, COORDINATOR, "/natverk ta bort <@U2>")
    assert "U2 representerar inte längre Kulturförvaltningen" in removed
    assert await count(services, Representative) == 4  # soft: closed seats keep their rows
    assert "inte representant" in await say(chat, COORDINATOR, "/natverk ta bort U2")
    assert "Så här: /natverk representant" in await say(chat, COORDINATOR, "/natverk rep U9")
    backwards = await say(chat, COORDINATOR, "/natverk representant U3 ta bort")
    assert backwards.startswith("För att ta bort en representant: /natverk ta bort U3")
    english = await say(chat, COORDINATOR, "/network rep U3 remove")
    assert english.startswith("To remove a representative: /network remove U3")
    assert await count(services, Department) == 2  # no department "ta bort"
    assert "Bara den internationella samordnaren kan ta ut andras" in await say(
        chat, "U3", "/natverk export U2"
    )


async def test_the_form_on_chat_platforms_and_its_submission(bot: Bot, services: Services) -> None:
    await say(
        Chat(bot), COORDINATOR, f"/natverk representant {REP} ny förvaltning Kulturförvaltningen"
    )
    [form] = await Chat(bot, "slack").replies(REP, "/kontakt")
    assert isinstance(form, Form) and form.form_id == "contact"
    fields = {f.name: f for f in form.fields}
    assert list(fields) == [
        "date", "partner", "city", "country", "kind", "areas", "participants", "youth",
        "funding_amount", "funding_currency", "funding_source", "end_date", "description",
        "follow_up", "effects", "department", "co_departments", "anyway",
    ]  # fmt: skip
    assert fields["country"].type == "select" and ("DE", "Tyskland") in fields["country"].options
    assert fields["kind"].options[0] == ("twin_town", "Vänort")
    assert fields["areas"].type == "multiselect" and fields["youth"].type == "toggle"
    assert fields["department"].initial == "Kulturförvaltningen"
    assert fields["co_departments"].type == "multiselect"
    assert [label for _, label in fields["co_departments"].options] == ["Kulturförvaltningen"]
    assert {n for n, f in fields.items() if f.required} == {"date", "partner", "country", "kind"}

    console = await say(Chat(bot), REP, "/kontakt")
    assert "/kontakt ny datum:" in console

    def submit(values: dict[str, FormValue], key: str) -> FormSubmit:
        return FormSubmit(
            user=REP, platform="slack", form_id="contact", values=values, idempotency_key=key
        )

    good = {
        "date": "2026-03-12", "partner": "Stadt Wetzlar", "country": "DE", "kind": "twin_town",
        "areas": ["kompetens"], "youth": True, "funding_amount": "45 000,50",
        "funding_currency": "EUR", "funding_source": "Erasmus+",
        "description": "Skolutbyte <!channel>", "department": "Kulturförvaltningen",
    }  # fmt: skip
    [errors] = await bot.handle(submit({**good, "partner": "", "date": "2031-01-01"}, "v1"))
    assert isinstance(errors, FormErrors)
    assert set(errors.errors) == {"partner", "date"}
    assert await count(services, Contact) == 0

    [saved] = await bot.handle(submit(good, "v2"))
    assert isinstance(saved, Text) and "#1" in (saved.title or "")
    assert "45\u00a0000,50 EUR (Erasmus+)" in saved.body
    [again] = await bot.handle(submit(good, "v2"))  # a retried delivery
    assert isinstance(again, Text) and again.title == saved.title
    assert await count(services, Contact) == 1
    [other] = await bot.handle(submit({**good, "department": "Socialförvaltningen"}, "v3"))
    assert isinstance(other, FormErrors) and "department" in other.errors
    # A form id the bot never gave (forged, or from an old version) names no command.
    [unknown] = await bot.handle(replace(submit(good, "v4"), form_id=""))
    assert isinstance(unknown, Error)
    assert unknown.body.startswith("Det här formuläret känner jag inte igen")
    assert await count(services, Contact) == 1
