"""Ask the log: questions about the network's own contacts, answered from the database.

The question set (`tests/data/log_questions.json`) is scored over `intbot demo` data for
Falun on 30 November 2026, on SQLite and PostgreSQL. Each question's answer is computed
here from every row of the log with plain Python (not through the query model), so a
wrong filter or a wrong query shows as a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pycountry
import pytest
from sqlalchemy import select

from bot.features import all_features
from bot.features.contacts import grammar as contact_grammar
from bot.features.contacts import vocabulary
from bot.features.log_questions.answer import lexicon
from bot.features.log_questions.periods import find_period
from bot.features.log_questions.understand import LogQuestion, understand
from bot.features.report.demo import fill_demo
from bot.features.report.formatting import format_money
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.grammar import fold
from bot.kernel.messages import Answer, Message, Text
from bot.kernel.turn import Services, Turn
from bot.store.db import Database
from bot.store.models import Contact, Department
from knowledge.index import PolicyIndex
from tests.chat import SURFACES, Chat
from tests.conftest import COORDINATOR

QUESTIONS = json.loads((Path(__file__).parent / "data" / "log_questions.json").read_text())
TODAY = dt.date.fromisoformat(QUESTIONS["today"])
NOON = dt.datetime(2026, 11, 30, 11, 0, tzinfo=dt.UTC)  # 12:00 in Falun

# The regions as this test knows them, written out independently of the vocabulary.
_EU = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"
REGIONS = {
    "norden": {"SE", "NO", "DK", "FI", "IS", "FO", "GL", "AX"},
    "baltikum": {"EE", "LV", "LT"},
    "eu": set(_EU.split()),
}
# What "incoming" and "outgoing" mean in the log (the reply names these kinds too).
DIRECTIONS = {"incoming": {"delegation"}, "outgoing": {"study_visit", "conference"}}


@dataclass(frozen=True)
class Demo:
    chat: Chat
    bot: Bot
    services: Services
    rows: list[tuple[Contact, str]]  # every live contact with its department's name
    departments: dict[str, int]  # name -> id


@pytest.fixture
async def demo(db_url: str, database: Database, policy_index: PolicyIndex) -> AsyncIterator[Demo]:
    settings = Settings(
        database_url=db_url, coordinators=frozenset({COORDINATOR}), municipality="Falun"
    )
    services = Services(settings=settings, index=policy_index, db=database, clock=lambda: NOON)
    areas = [key for key, _ in vocabulary.strategic_areas(settings, policy_index)]
    await fill_demo(database, areas=areas, today=TODAY)
    async with database.session() as session:
        found = (
            await session.execute(
                select(Contact, Department.name)
                .join(Department, Department.id == Contact.department_id)
                .where(Contact.deleted_at.is_(None))
            )
        ).all()
        departments = {d.name: d.id for d in (await session.scalars(select(Department))).all()}
    bot = Bot(services, all_features())
    yield Demo(Chat(bot), bot, services, [(c, name) for c, name in found], departments)


# --- the expected answer, computed from the rows -----------------------------------------


def _matches(contact: Contact, department: str, expect: dict[str, Any]) -> bool:
    period = expect.get("period")
    if period and not period[0] <= contact.date.isoformat() <= period[1]:
        return False
    countries = set(expect.get("countries", [])) | REGIONS.get(expect.get("region", ""), set())
    kinds = set(expect.get("kinds", [])) or DIRECTIONS.get(expect.get("direction", ""), set())
    checks = [
        not countries or contact.country in countries,
        not kinds or contact.kind in kinds,
        "departments" not in expect or department in expect["departments"],
        "partners" not in expect or contact.partner in expect["partners"],
        "areas" not in expect or bool(set(contact.areas or []) & set(expect["areas"])),
        "funders" not in expect or contact.funding_source in expect["funders"],
        "funded" not in expect or (contact.funding_source is not None) == expect["funded"],
        "youth" not in expect or contact.youth == expect["youth"],
    ]
    return all(checks)


def _shown(reply: Text) -> str:
    return "\n".join(part for part in (reply.title, reply.body) if part)


def _figure(line: str) -> int:
    found = re.search(r": (\d+)(?: deltagare| participants)?$", line)
    assert found, line
    return int(found.group(1))


def _answer_is_right(body: str, expect: dict[str, Any], demo: Demo) -> bool:
    chosen = [(c, d) for c, d in demo.rows if _matches(c, d, expect)]
    lines = body.splitlines()
    match expect["measure"]:
        case "count":
            return _figure(lines[0]) == len(chosen)
        case "participants":
            return _figure(lines[0]) == sum(c.participants or 0 for c, _ in chosen)
        case "top":
            key = {"country": lambda c, d: c.country, "department": lambda c, d: d,
                   "partner": lambda c, d: c.partner}[expect["by"]]  # fmt: skip
            counts = Counter(key(c, d) for c, d in chosen)
            wanted = sorted(counts.values(), reverse=True)[: expect["n"]]
            ranked = [line for line in lines[1:] if re.match(r"\d+\. ", line)]
            if [_figure(line) for line in ranked] != wanted:
                return False
            label = (
                (lambda v: vocabulary.country_name(v, "sv")) if expect["by"] == "country" else str
            )
            return all(
                f". {label(value)}: {n}" in body for value, n in counts.items() if n > wanted[-1]
            )
        case "silent":
            active = {d for _, d in chosen}
            silent = sorted(set(demo.departments) - active)
            return all(name in body for name in silent) and not any(name in body for name in active)
    # A list, asked by the coordinator: the total, then the newest rows (at most 20).
    ids = {c.id for c, _ in chosen}
    shown = [int(m) for m in re.findall(r"^#(\d+) ", body, flags=re.MULTILINE)]
    return (
        _figure(lines[0]) == len(chosen)
        and len(shown) == min(20, len(chosen))
        and set(shown) <= ids
    )


def _understood(question: LogQuestion, demo: Demo) -> dict[str, Any]:
    """The router's reading in the set's terms, to compare with what it expects."""
    names = {ident: name for name, ident in demo.departments.items()}
    got: dict[str, Any] = {
        "measure": question.measure,
        "period": [question.period.start.isoformat(), question.period.end.isoformat()]
        if question.period
        else None,
    }
    listed = {
        "countries": question.countries,
        "departments": {names[i] for i in question.department_ids},
        "kinds": question.kinds,
        "partners": question.partners,
        "areas": question.areas,
        "funders": question.funders,
    }
    got |= {key: sorted(values) for key, values in listed.items() if values}
    flags = {"region": question.region, "direction": question.direction}
    got |= {key: value for key, value in flags.items() if value}
    got |= {key: True for key in ("funded", "youth") if getattr(question, key)}
    if question.measure == "top":
        got |= {"by": question.by, "n": question.n}
    return got


def _expected(expect: dict[str, Any]) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, list) and k != "period" else v for k, v in expect.items()}


async def _turn(demo: Demo, text: str, user: str = COORDINATOR) -> Turn:
    message = Message(user=user, text=text, platform="console", capabilities=SURFACES["console"])
    return Turn(
        event=message,
        language=demo.bot.language_of(message),
        services=demo.services,
        catalog=demo.bot.catalog,
        args=text,
    )


# --- the question set ---------------------------------------------------------------------


async def test_the_question_set_is_answered_from_the_log(demo: Demo) -> None:
    known = await lexicon(await _turn(demo, "."))
    right: dict[str, list[bool]] = {"dev": [], "heldout": []}
    wrong: list[str] = []
    for item in QUESTIONS["log"]:
        replies = await demo.chat.replies(COORDINATOR, item["q"])
        question = understand(item["q"], known, TODAY)
        ok = (
            question is not None
            and not question.unknown
            and len(replies) == 1
            and isinstance(replies[0], Text)
            and _understood(question, demo) == _expected(item["expect"])
            and _answer_is_right(_shown(replies[0]), item["expect"], demo)
        )
        right[item["fold"]].append(ok)
        if not ok:
            wrong.append(f"{item['id']} {item['q']}")
    everything = right["dev"] + right["heldout"]
    share = sum(everything) / len(everything)
    heldout = sum(right["heldout"]) / len(right["heldout"])
    print(f"log questions right: {share:.1%} (held-out fold {heldout:.1%}); wrong: {wrong}")
    assert len(everything) >= 80
    assert share >= 0.9, wrong
    assert heldout >= 0.9, wrong


async def test_no_policy_question_goes_to_the_log(demo: Demo) -> None:
    known = await lexicon(await _turn(demo, "."))
    sent = [item["q"] for item in QUESTIONS["policy"] if understand(item["q"], known, TODAY)]
    assert len(QUESTIONS["policy"]) >= 20
    assert sent == []
    for question in ("Vad gäller för vänortsbesök?", "Vem beslutar om deltagande i EU-projekt?"):
        replies = await demo.chat.replies("anna", question)
        assert [type(reply) for reply in replies] == [Answer], question


async def test_the_policy_eval_sets_stay_with_the_policy_texts(demo: Demo) -> None:
    known = await lexicon(await _turn(demo, "."))
    eval_dir = Path(__file__).parents[2] / "shared" / "eval"
    files = sorted(eval_dir.glob("dev_questions*.json"))
    if not files:
        pytest.skip(f"no policy eval sets at {eval_dir}")
    questions = [
        item["q"]
        for path in files
        for group in json.loads(path.read_text()).values()
        for item in group
    ]
    assert [q for q in questions if understand(q, known, TODAY)] == []


# --- the reply -------------------------------------------------------------------------


async def _ask(demo: Demo, user: str, text: str, platform: str = "console") -> str:
    """The reply's text as the core gives it (title, then body), before any surface
    wraps it."""
    replies = await Chat(demo.bot, platform=platform).replies(user, text)
    assert all(isinstance(reply, Text) for reply in replies), replies
    return "\n".join(_shown(reply) for reply in replies if isinstance(reply, Text))


async def test_the_reply_restates_what_was_understood(demo: Demo) -> None:
    germany = sum(1 for c, _ in demo.rows if c.country == "DE" and c.date.year == 2026)
    reply = await _ask(demo, "anna", "Hur många kontakter hade vi med Tyskland i år?")
    assert reply == f"Kontakter med Tyskland 1 januari–30 november 2026: {germany}"
    reply = await _ask(demo, "bob", "How many contacts did we have with Germany this year?")
    assert reply == f"Contacts with Germany 1 January–30 November 2026: {germany}"


async def test_a_long_list_ends_with_a_command_the_contact_log_takes(demo: Demo) -> None:
    question = "Vilka kontakter hade Barn- och utbildningsförvaltningen i år?"
    total = sum(1 for c, d in demo.rows if d.startswith("Barn") and c.date.year == 2026)
    assert total > 20
    reply = await _ask(demo, COORDINATOR, question)
    last = reply.splitlines()[-1]
    command = (
        "/kontakt lista 2026-01-01..2026-11-30 förvaltning: Barn- och utbildningsförvaltningen"
    )
    assert last == f"{total - 20} till: {command}"
    parsed = contact_grammar.parse_contact(command.removeprefix("/kontakt "))
    assert parsed == contact_grammar.ListContacts(
        department="Barn- och utbildningsförvaltningen", period="2026-01-01..2026-11-30"
    )
    listed = await _ask(demo, COORDINATOR, command)
    assert f"({total})" in listed.splitlines()[0]


async def test_a_list_narrower_than_the_command_says_so(demo: Demo) -> None:
    reply = await _ask(demo, COORDINATOR, "kontakter med norden förra året")
    last = reply.splitlines()[-1]
    assert "Fråga snävare" in last and "/kontakt lista 2025" in last
    parsed = contact_grammar.parse_contact(last.split("/kontakt ", 1)[1])
    assert parsed == contact_grammar.ListContacts(period="2025")


async def test_details_only_for_ones_own_department(demo: Demo) -> None:
    question = "Vilka kontakter hade vi med Finland i år?"
    finland = [(c, d) for c, d in demo.rows if c.country == "FI" and c.date.year == 2026]
    social = [c for c, d in finland if d == "Socialförvaltningen"][:1]
    reply = await _ask(demo, "demo.mohammed", question)  # Socialförvaltningen
    lines = reply.splitlines()
    assert lines[0] == f"Kontakter med Finland 1 januari–30 november 2026: {len(finland)}"
    shown_ids = {int(m) for m in re.findall(r"^#(\d+) ", reply, flags=re.MULTILINE)}
    others = {c.id for c, d in finland if d != "Socialförvaltningen"}
    assert not shown_ids & others  # another department's entries: no partner, no text
    for contact in social:
        if contact.id in shown_ids:
            assert contact.partner in reply
    assert "visas bara för din egen förvaltnings kontakter" in reply
    # Someone outside the network: the count, and rows without any details.
    outsider = await _ask(demo, "stranger", question)
    assert outsider.splitlines()[0] == lines[0]
    assert not re.search(r"^#\d+ ", outsider, flags=re.MULTILINE)
    assert not any(c.partner in outsider for c, _ in finland)
    assert "/kontakt lista" not in outsider
    count = await _ask(demo, "stranger", "Hur många kontakter med Finland i år?")
    assert count.endswith(f": {len(finland)}")


async def test_a_question_understood_in_part_gets_no_figure(demo: Demo) -> None:
    reply = await _ask(demo, "anna", "Hur många kontakter hade vi med Atlantis i år?")
    assert "Jag förstod inte: «Atlantis»" in reply
    assert "Kontakter 1 januari–30 november 2026" in reply
    assert not re.search(r": \d+$", reply)


@pytest.mark.parametrize(
    ("question", "not_understood"),
    [
        ("hur många kontakter med atlantis i år", "atlantis"),  # a name, not in capitals
        ("hur många studiebesök hade socialtjänsten i år", "socialtjänsten"),  # no such dept
        ("Hur många kontakter hade vi under första kvartalet?", "kvartalet"),  # no such period
        ("How many contacts did we have in Asia last year?", "Asia"),  # not a country
        ("Hur många EU-ansökningar lämnade vi in 2025?", "ansökningar"),  # not a field
    ],
)
async def test_what_would_widen_the_answer_is_said_not_ignored(
    demo: Demo, question: str, not_understood: str
) -> None:
    reply = await _ask(demo, "anna", question)
    assert f"«{not_understood}»" in reply
    assert not re.search(r": \d+$", reply)


async def test_how_many_countries_counts_each_country_once(demo: Demo) -> None:
    countries = {c.country for c, _ in demo.rows if c.date.year == 2026}
    reply = await _ask(demo, "anna", "Hur många länder hade vi kontakt med i år?")
    assert reply == f"Kontakter 1 januari–30 november 2026: {len(countries)} länder"
    departments = {d for c, d in demo.rows if c.date.year == 2025}
    reply = await _ask(demo, "bob", "How many departments had contacts last year?")
    assert reply == f"Contacts 1 January–31 December 2025: {len(departments)} departments"


async def test_the_ask_command_and_teams_bare_text_reach_the_log(demo: Demo) -> None:
    finland = sum(1 for c, _ in demo.rows if c.country == "FI" and c.date.year == 2026)
    expected = f"Kontakter med Finland 1 januari–30 november 2026: {finland}"
    assert await _ask(demo, "anna", "/fraga Hur många kontakter med Finland i år?") == expected
    teams = await _ask(demo, "anna", "hur manga kontakter med finland i ar", platform="teams")
    assert teams == expected


# --- the vocabulary -----------------------------------------------------------------------


def test_region_members_are_countries_pycountry_knows() -> None:
    for key, (_, _, members) in vocabulary.REGIONS.items():
        assert members == REGIONS[key]
        assert all(pycountry.countries.get(alpha_2=code) for code in members)
    assert vocabulary.region_forms()["nordiska landerna"] == "norden"


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("i år", "2026-01-01", "2026-11-30"),  # under way: up to today
        ("i fjol", "2025-01-01", "2025-12-31"),
        ("T2", "2026-05-01", "2026-08-31"),
        ("2025-T3", "2025-09-01", "2025-12-31"),
        ("andra tertialet 2025", "2025-05-01", "2025-08-31"),
        ("förra tertialet", "2026-05-01", "2026-08-31"),
        ("våren 2026", "2026-01-01", "2026-06-30"),
        ("nästa månad", "2026-12-01", "2026-12-31"),
        ("sedan mars", "2026-03-01", "2026-11-30"),
        ("sedan december", "2025-12-01", "2026-11-30"),  # a month not yet come: last year's
        ("mellan maj och augusti 2025", "2025-05-01", "2025-08-31"),
        ("förra veckan", "2026-11-23", "2026-11-29"),
        ("in May 2025", "2025-05-01", "2025-05-31"),
        ("2026-01-01–2026-06-30", "2026-01-01", "2026-06-30"),
        ("mellan 2026-03-01 och 2026-03-31", "2026-03-01", "2026-03-31"),
        ("from 2025-12-01 to 2026-01-31", "2025-12-01", "2026-01-31"),
        ("2026-03-12", "2026-03-12", "2026-03-12"),
        ("2026-06-01..2026-01-01", "2026-06-01", "2026-01-01"),  # as typed: the answer says so
    ],
)
def test_periods_in_words(words: str, start: str, end: str) -> None:
    span = find_period(fold(words), TODAY)
    assert span is not None and (span.start.isoformat(), span.end.isoformat()) == (start, end)


async def test_a_period_that_starts_after_it_ends_is_named_not_answered(demo: Demo) -> None:
    reply = await _ask(demo, "anna", "Hur många kontakter hade vi 2026-06-01–2026-01-01?")
    assert " ".join(reply.split()) == (
        "Perioden ”2026-06-01–2026-01-01” börjar efter att den slutar: jag läste början som "
        "1 juni 2026 och slutet som 1 januari 2026. Skriv den tidigare dagen först: "
        "2026-01-01..2026-06-01."
    )
    english = await _ask(demo, "bob", "How many contacts did we have 2026-06-01..2026-01-01?")
    assert 'The period "2026-06-01–2026-01-01" starts after it ends' in " ".join(english.split())
    first_half = sum(
        1 for c, _ in demo.rows if dt.date(2026, 1, 1) <= c.date <= dt.date(2026, 6, 1)
    )
    swapped = await _ask(demo, "anna", "Hur många kontakter hade vi 2026-01-01..2026-06-01?")
    assert swapped == f"Kontakter 1 januari–1 juni 2026: {first_half}"


def test_may_the_verb_is_no_period() -> None:
    assert find_period("may i travel to germany", TODAY) is None


# --- what a reply may reveal --------------------------------------------------------------


async def test_a_partner_word_reveals_no_name_to_one_who_may_not_see_it(demo: Demo) -> None:
    kisumu = [(c, d) for c, d in demo.rows if c.partner == "Kisumu County Government"]
    assert kisumu and {d for _, d in kisumu} == {"Kommunstyrelseförvaltningen"}
    question = "Hur många kontakter med Kisumu?"
    # A stranger and another department's representative: their own word back.
    expected = f"Kontakter med «Kisumu» hela loggen: {len(kisumu)}"
    assert await _ask(demo, "stranger", question) == expected
    assert await _ask(demo, "demo.mohammed", question) == expected  # Socialförvaltningen
    # The department's own representative and the coordinator: the name, as in the lists.
    named = f"Kontakter med Kisumu County Government hela loggen: {len(kisumu)}"
    assert await _ask(demo, "demo.anna", question) == named  # Kommunstyrelseförvaltningen
    assert await _ask(demo, COORDINATOR, question) == named
    listed = await _ask(demo, "stranger", "Vilka kontakter hade vi med Kisumu?")
    assert "Kisumu County Government" not in listed
    assert listed.splitlines()[0] == f"Kontakter med «Kisumu» hela loggen: {len(kisumu)}"


async def test_a_ranking_by_partner_names_only_the_partners_one_may_see(demo: Demo) -> None:
    question = "Vilka partner har vi träffat mest förra året?"
    last_year = [(c, d) for c, d in demo.rows if c.date.year == 2025]
    everyone = await _ask(demo, COORDINATOR, question)
    top = [line for line in everyone.splitlines() if re.match(r"\d+\. ", line)]
    assert len(top) == 5 and "(en annan förvaltnings partner)" not in everyone
    # A partner one's department has ever met is one its representatives may see.
    social = {c.partner for c, d in demo.rows if d == "Socialförvaltningen"}
    reply = await _ask(demo, "demo.mohammed", question)  # Socialförvaltningen
    ranked = [line for line in reply.splitlines() if re.match(r"\d+\. ", line)]
    assert [_figure(line) for line in ranked] == [_figure(line) for line in top]
    for mine, theirs in zip(ranked, top, strict=True):
        name = theirs.split(". ", 1)[1].rsplit(":", 1)[0]
        assert mine == theirs if name in social else "(en annan förvaltnings partner)" in mine
    assert "Partner visas med namn bara för din egen förvaltnings kontakter." in reply
    stranger = await _ask(demo, "stranger", question)
    assert not any(c.partner in stranger for c, _ in last_year)


# --- the question's own words are not partners --------------------------------------------


async def _log_partner(demo: Demo, partner: str, department: str) -> None:
    async with demo.services.db.session() as session:
        session.add(
            Contact(
                date=TODAY - dt.timedelta(days=3), partner=partner, country="SE",
                kind="network", department_id=demo.departments[department],
                created_by="demo.anna", areas=[],
            )
        )  # fmt: skip
        await session.commit()


async def test_words_of_the_question_name_no_partner(demo: Demo) -> None:
    await _log_partner(demo, "Anna partner", "Kommunstyrelseförvaltningen")
    this_year = [c for c, _ in demo.rows if c.date.year == 2026] + [None]  # and Anna's
    partners = {c.partner for c in this_year if c} | {"Anna partner"}
    assert len(this_year) > 1
    for question in ("Vilka partner hade vi i år?", "Hur många partner hade vi kontakt med i år?"):
        reply = await _ask(demo, COORDINATOR, question)
        assert reply == f"Kontakter 1 januari–30 november 2026: {len(partners)} partner"
    # "kommuner" is what the partners are, not which: said not understood, no figure.
    reply = await _ask(demo, "anna", "Hur många kontakter med kommuner i Danmark i år?")
    assert "Jag förstod: Kontakter med Danmark 1 januari–30 november 2026" in reply
    assert "Jag förstod inte: «kommuner»" in reply and "Sveriges" not in reply
    # Europe is no filter the log has, and not the funders' programmes named after it.
    reply = await _ask(demo, "anna", "Hur många kontakter med Europa i år?")
    assert "Jag förstod inte: «Europa»" in reply and "Horisont" not in reply


async def test_a_partner_in_a_country_says_and(demo: Demo) -> None:
    wetzlar = [c for c, _ in demo.rows if c.partner == "Stadt Wetzlar" and c.country == "DE"]
    reply = await _ask(demo, COORDINATOR, "Hur många kontakter med Wetzlar i Tyskland?")
    assert reply == f"Kontakter med Stadt Wetzlar i Tyskland hela loggen: {len(wetzlar)}"
    assert "eller" not in reply


# --- a period named without its year ------------------------------------------------------


async def test_a_month_without_a_year_is_the_latest_that_has_begun(demo: Demo) -> None:
    december = sum(1 for c, _ in demo.rows if (c.date.year, c.date.month) == (2025, 12))
    assert december > 0
    reply = await _ask(demo, "anna", "hur många kontakter i december?")  # on 30 November 2026
    assert reply == f"Kontakter 1–31 december 2025: {december}"
    reply = await _ask(demo, "bob", "how many contacts in December?")
    assert reply == f"Contacts 1–31 December 2025: {december}"


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("i december", "2025-12-01", "2025-12-31"),
        ("december", "2025-12-01", "2025-12-31"),
        ("i mars", "2026-03-01", "2026-03-31"),  # under way: this year's
        ("T2", "2025-05-01", "2025-08-31"),
        ("andra tertialet", "2025-05-01", "2025-08-31"),
        ("T1", "2026-01-01", "2026-04-30"),
        ("hösten", "2025-07-01", "2025-12-31"),
        ("våren", "2026-01-01", "2026-06-30"),
        ("mellan maj och augusti", "2025-05-01", "2025-08-31"),
        ("T2 2026", "2026-05-01", "2026-08-31"),  # a year given is the year asked
        ("vilka konferenser kommer i december", "2026-12-01", "2026-12-31"),  # ahead
        ("planerade besök under T2", "2026-05-01", "2026-08-31"),
    ],
)
def test_a_period_without_a_year_is_the_latest_begun(words: str, start: str, end: str) -> None:
    span = find_period(fold(words), dt.date(2026, 3, 15))
    assert span is not None and (span.start.isoformat(), span.end.isoformat()) == (start, end)


# --- funding in plain words ---------------------------------------------------------------


def _funding(demo: Demo, year: int, lang: str) -> tuple[str, int]:
    """The year's external funding per currency as the report counts it (no currency:
    SEK; currencies never added), written as the reply writes amounts."""
    totals: Counter[str] = Counter()
    amounts: dict[str, Decimal] = {}
    for c, _ in demo.rows:
        if c.date.year == year and c.funding_amount is not None:
            currency = (c.funding_currency or "SEK").upper()
            amounts[currency] = amounts.get(currency, Decimal(0)) + c.funding_amount
            totals[currency] += 1
    ordered = sorted(amounts, key=lambda code: (code != "SEK", code))
    joined = (" och " if lang == "sv" else " and ").join(
        format_money(amounts[code], code, lang) for code in ordered
    )
    return joined, sum(totals.values())


async def test_how_much_external_funding_is_the_sum_per_currency(demo: Demo) -> None:
    amounts, entries = _funding(demo, 2026, "sv")
    assert entries > 0
    reply = await _ask(demo, "anna", "hur mycket extern finansiering fick vi i år?")
    assert reply == (
        f"Kontakter 1 januari–30 november 2026: extern finansiering {amounts} ({entries} kontakter)"
    )
    amounts, entries = _funding(demo, 2025, "en")
    reply = await _ask(demo, "bob", "how much external funding did we get in 2025?")
    assert reply == (
        f"Contacts 1 January–31 December 2025: external funding {amounts} ({entries} contacts)"
    )
    # The count of funded contacts is still a count.
    funded = sum(1 for c, _ in demo.rows if c.funding_source and c.date.year == 2026)
    reply = await _ask(demo, "anna", "Hur många kontakter hade extern finansiering i år?")
    assert reply.endswith(f": {funded}")


# --- a day in the question ----------------------------------------------------------------


async def test_a_date_no_calendar_has_is_said_so_not_answered_for_the_year(demo: Demo) -> None:
    reply = await _ask(demo, "anna", "hur många kontakter hade vi 2026-13-12?")
    assert reply == (
        "Datumet ”2026-13-12” finns inte i kalendern, så jag räknar inget. Skriv ett datum "
        "som finns, t.ex. 2026-03-12, 12/3 2026 (dag först) eller 12 mars 2026."
    )
    for typed in ("2026-02-30", "31/2 2026", "31 februari 2026", "12/13"):
        reply = await _ask(demo, "anna", f"hur många kontakter hade vi {typed}?")
        assert reply.startswith(f"Datumet ”{typed}” finns inte i kalendern"), reply
    english = await _ask(demo, "bob", "how many contacts did we have 2026-01-01..2026-02-30?")
    assert english.startswith('The date "2026-02-30" is not in the calendar, so I count nothing.')


async def test_a_day_typed_day_first_or_with_a_month_word_is_that_day(demo: Demo) -> None:
    march_12 = sum(1 for c, _ in demo.rows if c.date == dt.date(2026, 3, 12))
    for typed in ("12/3", "12/3 2026", "12/3-2026", "12.3.2026", "den 12 mars", "12 mars 2026"):
        reply = await _ask(demo, "anna", f"hur många kontakter hade vi {typed}?")
        assert reply == f"Kontakter 12 mars 2026: {march_12}", typed
    reply = await _ask(demo, "bob", "how many contacts did we have on March 12, 2026?")
    assert reply == f"Contacts 12 March 2026: {march_12}"
    # On 30 November, 24/12 without a year is last Christmas Eve, as "i december" is.
    eve = sum(1 for c, _ in demo.rows if c.date == dt.date(2025, 12, 24))
    assert await _ask(demo, "anna", "hur många kontakter hade vi 24/12?") == (
        f"Kontakter 24 december 2025: {eve}"
    )
    since = sum(1 for c, _ in demo.rows if dt.date(2026, 3, 12) <= c.date <= TODAY)
    assert await _ask(demo, "anna", "hur många kontakter sedan 12 mars?") == (
        f"Kontakter 12 mars–30 november 2026: {since}"
    )


async def test_since_a_day_runs_from_that_day_to_today(demo: Demo) -> None:
    since = sum(1 for c, _ in demo.rows if dt.date(2026, 1, 1) <= c.date <= TODAY)
    for typed in ("sedan 2026-01-01", "från och med 2026-01-01", "since 1/1 2026"):
        reply = await _ask(demo, "anna", f"hur många kontakter har vi haft {typed}?")
        assert reply == f"Kontakter 1 januari–30 november 2026: {since}", typed


async def test_a_day_in_a_year_before_the_log_is_that_day(demo: Demo) -> None:
    assert await _ask(demo, "anna", "hur många kontakter hade vi 31/12 1899?") == (
        "Kontakter 31 december 1899: 0"
    )


async def test_a_number_the_question_does_not_place_gets_no_figure(demo: Demo) -> None:
    """A number no period or ranking took narrows the question in a way not understood:
    answering for the whole log or year would be a wrong figure."""
    for typed, unknown in (
        ("hur många kontakter hade vi Q1?", "«Q1»"),
        ("hur många kontakter hade vi 2026-T4?", "«T4»"),
        ("hur många kontakter hade vi 20260312?", "«20260312»"),
        ("hur många kontakter hade vi 2025 och 2026?", "«2026»"),
        ("hur många kontakter hade vi 1-15 mars?", "«1»"),
    ):
        reply = " ".join((await _ask(demo, "anna", f"{typed}")).split())
        assert reply.startswith("Jag förstod: Kontakter"), (typed, reply)
        assert f"Jag förstod inte: {unknown}." in reply, (typed, reply)
    top = await _ask(demo, "anna", "vilka 3 länder hade vi flest kontakter med 2025?")
    assert top.startswith("Kontakter 1 januari–31 december 2025, flest kontakter per land:")


async def test_a_month_written_with_digits_is_that_month(demo: Demo) -> None:
    march = sum(1 for c, _ in demo.rows if (c.date.year, c.date.month) == (2026, 3))
    assert await _ask(demo, "anna", "hur många kontakter hade vi 2026-03?") == (
        f"Kontakter 1–31 mars 2026: {march}"
    )
    reply = await _ask(demo, "anna", "hur många kontakter hade vi 2026-13?")
    assert reply.startswith("Datumet ”2026-13” finns inte i kalendern")
