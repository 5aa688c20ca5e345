"""A contact log that forgives and tells (issue 15) as conversations, on SQLite and on
PostgreSQL: unknown fields, corrections announced, countries, departments matched,
likely duplicates and removals confirmed, removed entries restored."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.messages import FormErrors, FormSubmit, FormValue, Text
from bot.kernel.turn import Services
from bot.store.db import Database
from bot.store.models import AuditEntry, Contact, Department
from knowledge.index import PolicyIndex
from tests.chat import Chat
from tests.conftest import COORDINATOR

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
REP = "U1"
REST = "partner: Stadt Wetzlar; land: DE; typ: vänort"
BASE = f"datum: 2026-03-12; {REST}"


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


@pytest.fixture
async def rep(chat: Chat) -> str:
    reply = await say(
        chat, COORDINATOR, f"/natverk representant <@{REP}|anna> ny förvaltning Kulturförvaltningen"
    )
    assert "representerar nu" in reply
    return REP


async def test_unknown_fields_are_errors_and_nothing_is_stored(
    chat: Chat, services: Services, rep: str
) -> None:
    reply = await say(chat, rep, f"/kontakt ny {BASE}; beskrivning: Körutbyte; färg: blå")
    assert "”färg”" in reply and "känner jag inte till" in reply
    reply = await say(chat, rep, "/kontakt ny datum: 2026-03-12; partnr: Stadt Wetzlar")
    assert "”partnr”" in reply and "Menade du partner?" in reply
    reply = await say(chat, rep, f"/kontakt ny {BASE}; uppfölnjing: ring dem")
    assert "Menade du uppföljning?" in reply
    reply = await say(chat, rep, f"/kontakt ny {BASE}; Datum: 2026-03-15")
    assert reply.startswith("Fältet ”Datum” står två gånger. Skriv det en gång.")
    reply = await say(chat, rep, f"/kontakt ny {BASE}; country: Norway")  # land and country
    assert reply.startswith("”land” och ”country” är samma fält. Skriv det en gång.")
    reply = await say(chat, rep, f"/kontakt ny {BASE}; fältet: värde")
    assert "medförvaltningar" in reply and "effekter" in reply and "slutdatum" in reply
    assert await count(services, Contact) == 0
    prose = "Kör; orkester; se https://x.se; möte med dem: bra"
    saved = await say(chat, rep, f"/kontakt ny {BASE}; beskrivning: {prose}")
    assert "Sparad: kontakt #1" in saved
    assert f"Beskrivning: {prose}" in saved
    edited = await say(chat, rep, "/kontakt ändra 1; färg: blå")
    assert "”färg”" in edited and await count(services, Contact) == 1


async def test_corrections_are_announced_and_countries_are_checked(
    chat: Chat, services: Services, rep: str
) -> None:
    saved = await say(
        chat, rep, "/kontakt ny datum: 2026-03-12; partner: Tartu; land: Tyskand; typ: vänort"
    )
    assert "(Tyskland)" in saved and "tolkade ”Tyskand” som Tyskland" in saved
    exact = await say(
        chat, rep, "/kontakt ny datum: 2026-03-13; partner: Tartu; land: Estland; typ: vänort"
    )
    assert "Sparad" in exact and "tolkade" not in exact
    kosovo = await say(
        chat, rep, "/kontakt ny datum: 2026-03-14; partner: Prishtina; land: Kosovo; typ: vänort"
    )
    assert "Sparad" in kosovo and "(Kosovo)" in kosovo
    assert "Sparad" in await say(
        chat, rep, "/kontakt ny datum: 2026-03-15; partner: P; land: XK; typ: annat"
    )
    home = await say(
        chat, rep, "/kontakt ny datum: 2026-03-16; partner: Falun; land: Sverige; typ: annat"
    )
    assert "Sverige är nätverkets eget land" in home and "inget är lagrat" in home
    dept = await say(
        chat,
        COORDINATOR,
        "/kontakt ny datum: 2026-03-17; partner: Q; land: DE; typ: annat; förvaltning: kultur",
    )
    assert "Sparad" in dept and "tolkade ”kultur” som Kulturförvaltningen" in dept
    early = await say(chat, rep, "/kontakt ny datum: 1899-05-01; partner: P; land: DE; typ: annat")
    assert "1899-05-01 är för tidigt" in early
    assert await count(services, Contact) == 5


async def test_a_department_name_like_an_existing_one_is_asked_about(
    chat: Chat, services: Services
) -> None:
    first = await say(
        chat,
        COORDINATOR,
        "/natverk representant U555 ny förvaltning Kultur- och fritidsförvaltningen",
    )
    assert "ny i nätverket" in first
    asked = await say(chat, COORDINATOR, "/natverk representant U556 Kultur och fritid")
    assert "Menade du Kultur- och fritidsförvaltningen?" in asked
    assert await count(services, Department) == 1
    same = await say(
        chat, COORDINATOR, "/natverk representant U556 kultur och fritidsforvaltningen"
    )
    assert "U556 representerar nu Kultur- och fritidsförvaltningen" in same
    created = await say(
        chat, COORDINATOR, "/natverk representant U557 ny förvaltning Kultur och fritid"
    )
    assert "U557 representerar nu Kultur och fritid" in created and "ny i nätverket" in created
    assert await count(services, Department) == 2


async def test_a_likely_duplicate_asks_first(chat: Chat, services: Services, rep: str) -> None:
    assert "Sparad: kontakt #1" in await say(chat, rep, f"/kontakt ny {BASE}")
    twin = await say(
        chat, rep, "/kontakt ny datum: 12 mars 2026; partner: stadt wetzlar; land: DE; typ: annat"
    )
    assert "Inget är sparat" in twin and "#1 2026-03-12 Stadt Wetzlar" in twin
    assert await count(services, Contact) == 1
    assert "Sparad" in await say(chat, rep, f"/kontakt ny datum: 2026-03-13; {REST}")
    confirmed = await say(chat, rep, f"/kontakt ny {BASE}; ändå: ja")
    assert "Sparad: kontakt #3" in confirmed
    assert await count(services, Contact) == 3


async def test_removal_is_confirmed_and_the_coordinator_restores(
    chat: Chat, services: Services, rep: str
) -> None:
    await say(chat, rep, f"/kontakt ny {BASE}")
    asked = await say(chat, rep, "/kontakt ta bort 1")
    assert "Vill du ta bort #1" in asked and "/kontakt ta bort 1 ja" in asked
    assert await count(services, Contact, Contact.deleted_at.is_not(None)) == 0
    kept = await say(chat, rep, "/kontakt ta bort 1 nej")
    assert kept == "Inget togs bort: #1 2026-03-12 Stadt Wetzlar (Tyskland) – Vänort – " + (
        "Kulturförvaltningen finns kvar."
    )
    assert (await say(chat, rep, "/contact delete 1 no")).startswith("Nothing was deleted: #1")
    assert await count(services, Contact, Contact.deleted_at.is_not(None)) == 0
    assert "Borttagen: #1" in await say(chat, rep, "/kontakt ta bort 1 ja")
    assert "bara samordnaren" in await say(chat, rep, "/kontakt borttagna")
    listed = await say(chat, COORDINATOR, "/kontakt borttagna")
    assert "Borttagna kontakter (1)" in listed and "borttagen 2026-11-22 av U1" in listed
    assert "bara samordnaren" in await say(chat, rep, "/kontakt återställ 1")
    restored = await say(chat, COORDINATOR, "/kontakt återställ 1")
    assert "Återställd: kontakt #1" in restored
    assert "Stadt Wetzlar" in await say(chat, rep, "/kontakt lista")
    assert "inte borttagen" in await say(chat, COORDINATOR, "/kontakt återställ 1")
    async with services.db.session() as session:
        actions = [
            a.action for a in await session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    assert "list_deleted" in actions and "restore" in actions


async def test_an_entry_stays_with_its_department(chat: Chat, services: Services, rep: str) -> None:
    await say(chat, rep, f"/kontakt ny {BASE}")
    await say(chat, COORDINATOR, "/natverk representant U2 ny förvaltning Socialförvaltningen")
    moved = await say(
        chat, COORDINATOR, f"/natverk representant {rep} ny förvaltning Socialförvaltningen"
    )
    assert "Platsen i Kulturförvaltningen är avslutad" in moved
    refused = await say(chat, rep, "/kontakt ändra 1; förvaltning: Socialförvaltningen")
    assert "stannar hos förvaltningen" in refused
    assert "Ändrad" in await say(chat, rep, "/kontakt ändra 1; deltagare: 4")
    by_coordinator = await say(
        chat, COORDINATOR, "/kontakt ändra 1; förvaltning: Socialförvaltningen"
    )
    assert "Ändrad: kontakt #1" in by_coordinator
    async with services.db.session() as session:
        contact = await session.get(Contact, 1)
        assert contact is not None and contact.participants == 4


async def test_bad_input_is_refused_with_a_message_and_nothing_stored(
    chat: Chat, services: Services, rep: str, caplog: pytest.LogCaptureFixture
) -> None:
    replies = [
        await say(chat, rep, f"/kontakt ny {BASE}; beskrivning: a\x00b"),
        await say(chat, rep, f"/kontakt ny {BASE}; deltagare: ²"),
        await say(chat, rep, f"/kontakt ny {BASE}; beskrivning: {'x' * 3001}"),
        await say(chat, rep, "/kontakt ändra 99999999999; deltagare: 3"),
        await say(chat, rep, "/kontakt ta bort 99999999999999999999"),
        await say(chat, COORDINATOR, f"/natverk representant U7 ny förvaltning {'Kultur' * 40}"),
        await say(
            chat, COORDINATOR, "/natverk representant <@> ny förvaltning Kulturförvaltningen"
        ),
        await say(
            chat, COORDINATOR, "/natverk representant <@U9|Anna ny förvaltning Kulturförvaltningen"
        ),
        await say(chat, COORDINATOR, "/natverk representant U8 ny förvaltning Kultur\x00"),
        await say(chat, rep, f"/kontakt ny {BASE}; beskrivning: Wetzlar\u202e"),
        await say(
            chat, COORDINATOR, "/natverk representant U8 ny förvaltning Kultur\u202eförvaltningen"
        ),
        await say(
            chat, COORDINATOR, "/natverk representant <@U8|Eve \u202eevE> ny förvaltning Kultur"
        ),
    ]
    expected = (
        "styrtecken", "”²” är inget antal", "för lång (3001 tecken; högst 3000)",
        "”99999999999” är för stort", "”99999999999999999999” är för stort",
        "för långt (240 tecken; högst 200)", "”<@>” är ingen användare", "är ingen användare",
        "styrtecken", "vänder skrivriktningen", "vänder skrivriktningen", "vänder skrivriktningen",
    )  # fmt: skip
    for reply, text in zip(replies, expected, strict=True):
        assert text in reply, (text, reply)
        assert "Något gick fel" not in reply
    assert await count(services, Contact) == 0
    assert await count(services, Department) == 1
    assert "Traceback" not in caplog.text


async def test_a_form_is_held_to_the_same_limits(bot: Bot, services: Services, rep: str) -> None:
    values: dict[str, FormValue] = {
        "date": "2026-03-12", "partner": "Stadt Wetzlar", "country": "DE", "kind": "twin_town",
        "description": "x" * 50_000, "follow_up": "ok\x00",
    }  # fmt: skip
    submit = FormSubmit(user=rep, platform="slack", form_id="contact", values=values)
    [reply] = await bot.handle(submit)
    assert isinstance(reply, FormErrors)
    assert "högst 3000" in reply.errors["description"] and "styrtecken" in reply.errors["follow_up"]
    assert await count(services, Contact) == 0


async def test_a_likely_duplicate_from_the_form_asks_for_the_box(
    bot: Bot, services: Services, rep: str
) -> None:
    values: dict[str, FormValue] = {
        "date": "2026-03-12", "partner": "Stadt Wetzlar", "country": "DE", "kind": "twin_town",
    }  # fmt: skip

    def submit(key: str, **more: FormValue) -> FormSubmit:
        return FormSubmit(user=rep, platform="slack", form_id="contact",
                          values={**values, **more}, idempotency_key=key)  # fmt: skip

    [first] = await bot.handle(submit("k1"))
    assert isinstance(first, Text) and "#1" in (first.title or "")
    [retry] = await bot.handle(submit("k1"))  # the same delivery again: not a duplicate
    assert isinstance(retry, Text) and retry.title == first.title
    [twin] = await bot.handle(submit("k2", anyway=False))
    assert isinstance(twin, FormErrors) and "#1 2026-03-12 Stadt Wetzlar" in twin.errors["anyway"]
    assert await count(services, Contact) == 1
    [saved] = await bot.handle(submit("k3", anyway=True))
    assert isinstance(saved, Text) and saved.title != first.title  # (PostgreSQL: ids skip)
    assert await count(services, Contact) == 2


async def test_the_console_template_names_the_strategic_areas(chat: Chat, rep: str) -> None:
    template = await say(chat, rep, "/kontakt")
    assert "/kontakt ny datum:" in template
    assert "Strategiska områden (område:): kompetens (Internationell kompetens)" in template


async def test_amounts_in_millions_and_thousands_are_read_whole(
    chat: Chat, services: Services, rep: str
) -> None:
    """`1,5 mkr` is one and a half million kronor, never 1,50 SEK with `mkr` moved into
    the funder's name; a number with letters stuck to it is refused, not cut short."""
    for written, shown in (
        ("1,5 miljoner kr EU", "Finansiering: 1 500 000 SEK (EU)"),
        ("1,5 mkr EU", "Finansiering: 1 500 000 SEK (EU)"),
        ("1.5 MSEK Interreg", "Finansiering: 1 500 000 SEK (Interreg)"),
        ("45 tkr Nordplus", "Finansiering: 45 000 SEK (Nordplus)"),
        ("45k EUR Erasmus+", "Finansiering: 45 000 EUR (Erasmus+)"),
    ):
        saved = await say(chat, rep, f"/kontakt ny {BASE}; ändå: ja; finansiering: {written}")
        assert shown in saved.replace("\u00a0", " "), (written, saved)
    stored = await count(services, Contact)
    for written in ("2e5 SEK Interreg", "1e309 SEK EU", "45x SEK"):
        refused = await say(chat, rep, f"/kontakt ny {BASE}; ändå: ja; finansiering: {written}")
        assert f"finansiering: ”{written}” är inget belopp jag förstår" in refused, refused
    assert await count(services, Contact) == stored


async def test_dates_written_with_slashes(chat: Chat, services: Services, rep: str) -> None:
    """`12/3` is 12 March (day first, as in Sweden), in this year like `12 mars`;
    `2026/03/12` is year first. An impossible date is refused like any other."""
    for number, written in enumerate(
        ("12/3", "12/3 2026", "12/3-2026", "2026/03/12", "12/3/2026"), start=1
    ):
        saved = await say(chat, rep, f"/kontakt ny {REST}; ändå: ja; datum: {written}")
        assert f"Sparad: kontakt #{number} " in saved and "2026-03-12" in saved, (written, saved)
    this_year = await say(chat, rep, f"/kontakt ny {REST}; ändå: ja; datum: 2/11")
    assert "2026-11-02" in this_year
    impossible = await say(chat, rep, f"/kontakt ny {REST}; datum: 31/2")
    assert "datum: ”31/2” är inget datum jag förstår" in impossible
    assert "inget är lagrat" in impossible
    same_as = await say(chat, rep, f"/kontakt ny {REST}; datum: 31 februari")
    assert "datum: ”31 februari” är inget datum jag förstår" in same_as
    ended = await say(chat, rep, "/kontakt ändra 1; slutdatum: 30/6 2027")
    assert "Slutdatum: 2027-06-30" in ended
    assert await count(services, Contact) == 6


async def test_a_number_too_large_is_called_too_large(
    chat: Chat, services: Services, rep: str
) -> None:
    """A number past what a field holds is named as too large, with the largest allowed,
    not as no number at all; nothing is stored or changed."""
    many = await say(chat, rep, f"/kontakt ny {BASE}; deltagare: 2147483648")
    assert "deltagare: ”2147483648” är för stort: det största som går är 1 000 000" in (
        many.replace("\u00a0", " ")
    ), many
    assert "inget antal" not in many
    rich = await say(chat, rep, f"/kontakt ny {BASE}; finansiering: 1000000000000 SEK EU")
    assert "”1000000000000 SEK EU” är för stort: det största som går är 999 999 999 999" in (
        rich.replace("\u00a0", " ")
    ), rich
    assert await count(services, Contact) == 0
    shown = await say(chat, rep, "/kontakt visa 99999999999")
    assert "”99999999999” är för stort: det största som går är 2 147 483 647" in (
        shown.replace("\u00a0", " ")
    ), shown
    english = await say(chat, rep, f"/contact new {BASE}; participants: 1000001")
    assert '"1000001" is too large: the largest allowed is 1 000 000' in (
        english.replace("\u00a0", " ")
    ), english
    assert "Sparad" in await say(chat, rep, f"/kontakt ny {BASE}; deltagare: 1 000 000")


async def test_a_failed_edit_says_the_change_was_not_saved(
    chat: Chat, services: Services, rep: str
) -> None:
    await say(chat, rep, f"/kontakt ny {BASE}; deltagare: 4")
    refused = await say(chat, rep, "/kontakt ändra 1; deltagare: många; land: Sverige")
    assert "Ändringen sparades inte (2 att rätta, inget är ändrat)" in refused
    assert "Kontakten sparades inte" not in refused
    english = await say(chat, rep, "/contact edit 1; participants: lots")
    assert "The change was not saved (1 to fix, nothing was changed)" in english
    new = await say(
        chat, rep, "/kontakt ny datum: 2026-03-13; partner: X; land: Sverige; typ: annat"
    )
    assert "Kontakten sparades inte (1 att rätta, inget är lagrat)" in new
    async with services.db.session() as session:
        contact = await session.get(Contact, 1)
        assert contact is not None and contact.participants == 4


async def test_a_removed_entry_is_named_as_removed_to_its_owner_only(
    chat: Chat, services: Services, rep: str
) -> None:
    await say(chat, rep, f"/kontakt ny {BASE}")
    assert "Borttagen: #1" in await say(chat, rep, "/kontakt ta bort 1 ja")
    for typed in ("/kontakt visa 1", "/kontakt ändra 1; deltagare: 3", "/kontakt ta bort 1"):
        reply = await say(chat, rep, typed)
        assert "Kontakt #1 är borttagen (togs bort 2026-11-22)" in reply, (typed, reply)
        assert f"samordnaren ({COORDINATOR}) i /kontakt borttagna" in reply
        assert "/kontakt återställ 1" in reply
    english = await say(chat, rep, "/contact show 1")
    assert "Contact #1 is deleted (deleted on 2026-11-22)" in english
    assert "/contact deleted" in english and "/contact restore 1" in english
    coordinator = await say(chat, COORDINATOR, "/kontakt visa 1")
    assert "Kontakt #1 är borttagen (togs bort 2026-11-22 av U1)" in coordinator
    assert "/kontakt borttagna" in coordinator and "/kontakt återställ 1" in coordinator
    # Someone else, even of the same department, learns nothing about it.
    await say(chat, COORDINATOR, "/natverk representant U2 Kulturförvaltningen")
    other = await say(chat, "U2", "/kontakt visa 1")
    assert "Det finns ingen kontakt #1 som du kan se" in other
    never = await say(chat, "U2", "/kontakt visa 2")
    assert other == never.replace("#2", "#1")
