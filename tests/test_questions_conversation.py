"""Policy questions as a person asks them: small talk gets its fitting reply, an unsure
answer offers passages to pick, an honest no says what the texts cover, and the
coordinator teaches the bot what it did not know."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

import pytest
from sqlalchemy import select

from adapters.cli import build_bot
from adapters.console import run_chat
from bot.features.privacy.data_rights import erase_user, export_user
from bot.kernel.bot import Bot
from bot.kernel.messages import Answer, Feedback, Pick
from bot.kernel.turn import Services
from bot.store.models import AuditEntry
from knowledge.index import PolicyIndex
from knowledge.types import Hit, SearchResult
from tests.chat import Chat
from tests.conftest import COORDINATOR

UNSURE = "Vem ansvarar för vänortsarbetet i Motala?"
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


class Unsure:
    """The real index, except that it is never sure: every search offers its first three
    passages. What the engine decides is tested in knowledge/; here, what the bot does
    with an unsure answer. It remembers the questions it was asked."""

    def __init__(self, real: PolicyIndex) -> None:
        self.real = real
        self.documents = real.documents
        self.passages = real.passages
        self.asked: list[str] = []

    def search(self, question: str, *, municipality: str | None = None) -> SearchResult:
        self.asked.append(question)
        found = self.real.search(question, municipality=municipality)
        ranked = found.hits or found.suggestions
        return dataclasses.replace(found, answered=False, suggestions=ranked[:3])


@pytest.fixture
def unsure(services: Services) -> Unsure:
    return Unsure(services.index)


@pytest.fixture
def unsure_bot(services: Services, unsure: Unsure) -> Bot:
    return build_bot(dataclasses.replace(services, index=unsure, clock=lambda: NOW))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("hej", "Hej! Fråga mig vad den internationella policyn säger"),
        ("Hello!", "Hello! Ask me what the international policy says"),
        ("tack så mycket", "Varsågod!"),
        ("vad kan du?", "Jag svarar på frågor om den internationella policyn"),
        ("hjälp", "Jag svarar på frågor om den internationella policyn"),
        ("Help!", "I answer questions about the international policy"),
        ("vilka kommuner kan du svara om?", "Jag har policytexter från Falköping"),
        ("Vad säger Borås om vänorter?", "Borås har ingen policytext här. Jag har policytexter"),
        ("What does Göteborg say about twin towns?", "Göteborg has no policy text here"),
    ],
)
async def test_small_talk_gets_its_own_reply_never_a_passage(
    chat: Chat, said: str, expected: str
) -> None:
    reply = await chat.say("anna", said)
    assert expected in reply
    assert "Källa" not in reply and "Source" not in reply
    assert "svarar policytexterna inte på" not in reply


async def test_an_honest_no_says_what_the_texts_cover_and_who_to_ask(chat: Chat) -> None:
    reply = await chat.say("anna", "Vilken färg har en banan?")
    assert reply.startswith("Det svarar policytexterna inte på.")
    for municipality in ("Falköping", "Falun", "Götene", "Kungälv", "Motala"):
        assert municipality in reply
    assert "samordnaren" in reply


@pytest.mark.parametrize("said", ["vänort", "Vad är en vänort?", "What is a twin town?"])
async def test_a_subject_asked_in_a_word_is_offered_the_passages_on_it(
    chat: Chat, said: str
) -> None:
    """One word the texts treat is a search for that subject: the bot offers what they
    say on it rather than "the texts do not answer that"."""
    [offer] = await chat.replies("anna", said)
    assert isinstance(offer, Answer) and not offer.answered
    assert len(offer.suggestions) == 3
    assert any(": Vänort" in s.label for s in offer.suggestions), offer.suggestions


async def test_a_subject_the_texts_do_not_treat_still_gets_an_honest_no(chat: Chat) -> None:
    assert (await chat.say("anna", "budget")).startswith("Det svarar policytexterna inte på.")


async def test_unsure_offers_three_passages_by_title_and_a_pick_shows_one(
    unsure_bot: Bot,
) -> None:
    [offer] = await Chat(unsure_bot).replies("anna", UNSURE)
    assert isinstance(offer, Answer) and not offer.answered
    assert offer.body == "Jag är inte säker – menar du något av detta?"
    assert 1 <= len(offer.suggestions) <= 3
    assert all(0 < len(s.label) <= 60 for s in offer.suggestions)
    chosen = offer.suggestions[-1]
    [shown] = await unsure_bot.handle(
        Pick(user="anna", question=UNSURE, passage_id=chosen.passage_id)
    )
    assert isinstance(shown, Answer) and shown.answered
    assert shown.feedback_id == chosen.passage_id  # the picked passage, quoted and cited


async def test_the_console_picks_a_suggestion_by_its_number(unsure_bot: Bot) -> None:
    out = io.StringIO()
    await run_chat(unsure_bot, user="anna", stdin=io.StringIO(f"{UNSURE}\n2\n"), stdout=out)
    printed = out.getvalue()
    assert "  1. " in printed and "  2. " in printed
    assert "Svara med siffran för att se avsnittet." in printed
    assert "Källa: Motala" in printed.split("Svara med siffran")[1]


async def test_the_console_keeps_the_list_after_a_pick_and_a_lone_number_is_no_question(
    unsure_bot: Bot, unsure: Unsure
) -> None:
    out = io.StringIO()
    lines = f"{UNSURE}\n1\n2\n7\n"
    await run_chat(unsure_bot, user="anna", stdin=io.StringIO(lines), stdout=out)
    after_offer = out.getvalue().split("Svara med siffran för att se avsnittet.")[1]
    first, second, seventh = after_offer.split("\n\n")[1:4]
    assert "Källa: Motala" in first and "Källa: Motala" in second and first != second
    assert seventh.startswith("”7” har inga ord att söka på. Skriv en fråga")
    assert unsure.asked == [UNSURE]  # `7` never reached the engine
    listed = await Chat(unsure_bot).say(COORDINATOR, "/natverk obesvarade")
    assert "”7”" not in listed


async def test_the_coordinator_sees_what_was_unanswered_and_links_it(
    unsure_bot: Bot, unsure: Unsure, services: Services
) -> None:
    chat = Chat(unsure_bot)
    await chat.say("anna", UNSURE)
    await chat.say("bo", "Vem ansvarar för vänortsarbetet i Motala kommun?")
    listed = await chat.say(COORDINATOR, "/natverk obesvarade")
    assert "(2×, osäker 2)" in listed and f"”{UNSURE}”" in listed
    assert "erbjöd: motala#" in listed
    assert "/natverk obesvarade | koppla ID AVSNITT" in await chat.say(COORDINATOR, "/hjalp")
    english = " ".join((await chat.say(COORDINATOR, "/network unanswered")).split())
    assert "(2×, unsure 2)" in english and f'"{UNSURE}" – offered: motala#' in english
    ref = listed.split("erbjöd: ")[1].split(",")[0].split()[0]
    question_id = listed.split("#")[1].split()[0]

    refused = await chat.say("anna", f"/natverk koppla {question_id} {ref}")
    assert "samordnaren (coord) som ser obesvarade frågor" in refused  # only they teach
    linked = await chat.say(COORDINATOR, f"/natverk koppla {question_id} {ref}")
    assert linked.startswith(f"Kopplat: ”{UNSURE}” besvaras nu av Motala")
    asked_before = len(unsure.asked)

    again = await chat.replies("cecilia", "vem ansvarar för vänortsarbetet i motala")
    [answer] = again
    assert isinstance(answer, Answer) and answer.answered  # the lesson, not the engine
    assert len(unsure.asked) == asked_before
    assert "Källa: Motala" in await chat.say("cecilia", UNSURE)

    assert "”motala#9999” finns inte" in await chat.say(
        COORDINATOR, f"/natverk koppla {question_id} motala#9999"
    )
    assert "ingen sparad fråga nummer 424242" in await chat.say(
        COORDINATOR, f"/natverk koppla 424242 {ref}"
    )


async def test_a_taught_synonym_reaches_the_search_at_once(unsure_bot: Bot, unsure: Unsure) -> None:
    chat = Chat(unsure_bot)
    taught = await chat.say(COORDINATOR, "/natverk synonym KF = kommunfullmäktige för Motala")
    assert taught == "Lärt: ”KF” betyder ”kommunfullmäktige” (Motala)."
    await chat.say("anna", "Vad beslutar KF om i Motala?")
    assert unsure.asked[-1] == "Vad beslutar KF om i Motala? kommunfullmäktige"
    await chat.say("anna", "Vad beslutar KF om i Falun?")
    assert unsure.asked[-1] == "Vad beslutar KF om i Falun?"  # Motala's word only
    assert "Borås" in await chat.say(COORDINATOR, "/natverk synonym KF = kommunstyrelsen för Borås")


async def test_the_askers_questions_are_exported_and_go_with_erase(
    unsure_bot: Bot, services: Services
) -> None:
    await Chat(unsure_bot).say("anna", UNSURE)
    exported: dict[str, Any] = await export_user(services.db, user_id="anna", actor="anna", now=NOW)
    assert [q["question"] for q in exported["asked_questions"]] == [UNSURE]
    await erase_user(services.db, user_id="anna", actor=COORDINATOR, now=NOW)
    after = await export_user(services.db, user_id="anna", actor=COORDINATOR, now=NOW)
    assert after["asked_questions"] == []
    assert "(1×" not in await Chat(unsure_bot).say(COORDINATOR, "/natverk obesvarade")


def test_passages_offered_from_several_municipalities_name_them(
    policy_index: PolicyIndex,
) -> None:
    from bot.features.questions.reply import to_answer

    falun = next(p for p in policy_index.passages if p.municipality == "Falun")
    motala = next(p for p in policy_index.passages if p.municipality == "Motala")
    mixed = SearchResult(
        question="vänorter?", language="sv", municipality=None, answered=False, confidence=0.3,
        suggestions=[Hit(passage=falun, score=2.0), Hit(passage=motala, score=1.0)],
    )  # fmt: skip
    labels = [s.label for s in to_answer(mixed, documents=policy_index.documents).suggestions]
    assert labels == [f"Falun: {falun.label()}", f"Motala: {motala.label()}"]
    alone = dataclasses.replace(mixed, suggestions=[Hit(passage=falun, score=2.0)])
    [label] = [s.label for s in to_answer(alone, documents=policy_index.documents).suggestions]
    assert label == falun.label()


async def test_the_coordinator_lists_and_removes_taught_synonyms(
    unsure_bot: Bot, unsure: Unsure, services: Services
) -> None:
    chat = Chat(unsure_bot)
    assert "Inga synonymer är inlärda" in await chat.say(COORDINATOR, "/natverk synonymer")
    await chat.say(COORDINATOR, "/natverk synonym KF = kommunfullmäktige för Motala")
    await chat.say(COORDINATOR, "/natverk synonym församling = kommunfullmäktige")
    await chat.say(COORDINATOR, "/natverk synonym KF = kommunstyrelsen för Falun")
    listed = await chat.say(COORDINATOR, "/natverk synonymer")
    assert "Inlärda synonymer (3)" in listed
    assert "#1 ”KF” = ”kommunfullmäktige” (Motala)" in listed
    assert "#2 ”församling” = ”kommunfullmäktige” (alla kommuner)" in listed
    assert "/natverk synonym bort ID" in listed
    english = await chat.say(COORDINATOR, "/network synonyms")
    assert "Taught synonyms (3)" in english and '#3 "KF" = "kommunstyrelsen" (Falun)' in english

    refused = await chat.say("anna", "/natverk synonym bort 1")
    assert "samordnaren (coord) som ser obesvarade frågor" in refused
    assert "samordnaren (coord)" in await chat.say("anna", "/natverk synonymer")

    by_pair = await chat.say(COORDINATOR, "/natverk synonym bort  kf =  Kommunfullmäktige")
    assert "Borttaget (1)" in by_pair and "#1 ”KF” = ”kommunfullmäktige” (Motala)" in by_pair
    await chat.say("anna", "Vad beslutar KF om i Motala?")
    assert unsure.asked[-1] == "Vad beslutar KF om i Motala?"  # no longer expanded
    by_id = await chat.say(COORDINATOR, "/natverk synonym bort #2")
    assert "Borttaget (1)" in by_id and "”församling”" in by_id
    await chat.say("anna", "Vad beslutar församling om?")
    assert unsure.asked[-1] == "Vad beslutar församling om?"
    again = await chat.say(COORDINATOR, "/natverk synonym bort 2")
    assert "Det finns ingen inlärd synonym #2" in again
    elsewhere = await chat.say(
        COORDINATOR, "/network synonym remove KF = kommunstyrelsen for Motala"
    )
    assert 'There is no taught synonym "KF" = "kommunstyrelsen" for Motala' in elsewhere
    assert "Inlärda synonymer (1)" in await chat.say(COORDINATOR, "/natverk synonymer")
    huge = await chat.say(COORDINATOR, "/natverk synonym bort 99999999999")
    assert "”99999999999” är för stort" in huge
    long = await chat.say(COORDINATOR, f"/natverk synonym {'x' * 201} = kommunfullmäktige")
    assert "är för långt (högst 200 tecken)" in long

    async with services.db.session() as session:
        rows = await session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "taught_synonym")
        )
        actions = sorted((row.action, row.entity_id) for row in rows)
    assert actions == [("create", 1), ("create", 2), ("create", 3), ("delete", 1), ("delete", 2)]


@pytest.mark.parametrize(
    "typed", ["/natverk synonym KF = KF", "/natverk synonym kf =  KF  för Motala",
              "/natverk synonym  Kommun fullmäktige = kommun   Fullmäktige"]
)  # fmt: skip
async def test_a_word_that_means_itself_is_refused(
    unsure_bot: Bot, services: Services, typed: str
) -> None:
    refused = await Chat(unsure_bot).say(COORDINATOR, typed)
    assert "står på båda sidor om likhetstecknet" in refused and "Lärt" not in refused
    assert "Inga synonymer är inlärda" in await Chat(unsure_bot).say(
        COORDINATOR, "/natverk synonymer"
    )
    english = await Chat(unsure_bot).say(COORDINATOR, "/network synonym Council = council")
    assert '"Council" is on both sides of the equals sign' in english


async def test_a_synonym_with_two_equals_signs_is_refused(unsure_bot: Bot) -> None:
    chat = Chat(unsure_bot)
    refused = await chat.say(COORDINATOR, "/natverk synonym KF = KF = KS")
    assert "En synonym har ett likhetstecken" in refused and "Lärt" not in refused
    assert "Inga synonymer är inlärda" in await chat.say(COORDINATOR, "/natverk synonymer")
    english = await chat.say(COORDINATOR, "/network synonym council = KF = KS")
    assert "A synonym has one equals sign" in english


async def test_a_question_with_hidden_characters_is_answered_and_kept_without_them(
    unsure_bot: Bot, services: Services
) -> None:
    """A NUL or a bidi override pasted into a question (PostgreSQL stores no NUL in
    text): the asker gets the same answer, the coordinator sees the plain question."""
    chat = Chat(unsure_bot)
    hidden = "Vem ansvarar för\x00 vänortsarbetet i \u202eMotala?"
    reply = await chat.say("anna", hidden)
    assert "menar du något av detta?" in reply.lower() and "Något gick fel" not in reply
    ref = services.index.passages[0].passage_id
    picked = await unsure_bot.handle(
        Pick(user="anna", platform="slack", question=hidden, passage_id=ref)
    )
    assert isinstance(picked[0], Answer)
    listed = await chat.say(COORDINATOR, "/natverk obesvarade")
    assert "”Vem ansvarar för vänortsarbetet i Motala?”" in listed and "\x00" not in listed
    assert "\u202e" not in listed
    [clicked] = await unsure_bot.handle(
        Feedback(user="anna", platform="slack", question=hidden, passage_id="motala#1",
                 helpful=False, language="sv")
    )  # fmt: skip
    assert "Något gick fel" not in str(clicked)
