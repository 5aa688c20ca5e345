"""Teams end to end: real Bot Framework activities as JSON over HTTP to `/api/messages` on
the running aiohttp app, the bot's replies captured by a local fake connector at the
activity's `serviceUrl`."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import jwt
import pytest
from aiohttp import web
from sqlalchemy import func, select

from adapters.teams.routes import TeamsSurface
from adapters.web import create_app
from bot.features import all_features
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.feature import Command, Feature, FormSpec
from bot.kernel.i18n import Catalog
from bot.kernel.messages import (
    Event,
    File,
    Form,
    FormErrors,
    FormField,
    FormSubmit,
    Message,
    Reply,
    Text,
)
from bot.kernel.turn import Services, Turn
from bot.store.db import Database
from bot.store.models import AnswerFeedback
from knowledge.index import PolicyIndex
from tests.teams_support import (
    BOT_ID,
    FakeConnector,
    Posted,
    activity,
    card_inputs,
    card_texts,
    post_activity,
    serve,
)

LINK_SECRET = "test-link-secret-not-for-production"
START = dt.datetime(2026, 11, 22, 19, 0, tzinfo=dt.UTC)
APP_ID = "0f0e0d0c-1111-2222-3333-444455556666"
# A well-formed token for our app id, signed by someone who is not the Bot Framework.
FORGED_JWT = jwt.encode(
    {"iss": "https://attacker.example", "aud": APP_ID, "exp": 4102444800},
    "an-attacker-key-of-thirty-two-bytes!",
    algorithm="HS256",
)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


class ReportStub(Bot):
    """The real core, except that `rapport testfil` yields a document: the download
    link is the adapter's business and is tested here apart from the report itself."""

    async def handle(self, event: Event) -> list[Reply]:
        if isinstance(event, Message) and event.text.strip() == "rapport testfil":
            return [
                File(
                    filename="rapport-2026.csv",
                    content="kommun;kontakter\nFalköping;12\n".encode(),
                    media_type="text/csv; charset=utf-8",
                    title="Nätverkets rapport 2026",
                )
            ]
        return await super().handle(event)


def make_app(*, services: Services, core: Bot) -> web.Application:
    """The real server application with the Teams surface, as `intbot serve` builds it."""
    return create_app(services=services, surfaces=[TeamsSurface(bot=core, services=services)])


@dataclass
class Teams:
    """The running server, its fake connector and the services behind it."""

    base: str
    connector: FakeConnector
    connector_url: str
    services: Services
    clock: FakeClock

    async def send(self, name: str, **changes: Any) -> tuple[int, list[Posted]]:
        self.connector.clear()
        payload = activity(name, service_url=self.connector_url, **changes)
        status, _ = await post_activity(self.base, payload)
        return status, list(self.connector.posted)

    async def say(self, text: str, **changes: Any) -> list[Posted]:
        status, posted = await self.send("message_personal", text=text, **changes)
        assert status in {200, 201}, status
        return posted


def teams_settings(settings: Settings, *, public_url: str, roles: bool = True) -> Settings:
    return settings.model_copy(
        update={
            "teams_allow_anonymous": True,
            # The tests play coordinators and representatives by the ids they claim.
            "teams_anonymous_roles": roles,
            "microsoft_app_id": None,
            "microsoft_app_password": None,
            "link_secret": LINK_SECRET,
            "public_url": public_url,
        }
    )


@pytest.fixture
def features() -> list[Feature]:
    """The core's features for the `teams` server; a test may stand one in."""
    return all_features()


@pytest.fixture
def anonymous_roles() -> bool:
    """INTBOT_TEAMS_ANONYMOUS_ROLES for the `teams` server; a test may parametrize it."""
    return True


@pytest.fixture
async def teams(
    settings: Settings,
    database: Database,
    policy_index: PolicyIndex,
    features: list[Feature],
    anonymous_roles: bool,
) -> AsyncIterator[Teams]:
    fake = FakeConnector()
    clock = FakeClock()
    holder: dict[str, Services] = {}

    def build(base: str) -> web.Application:
        services = Services(
            settings=teams_settings(settings, public_url=base, roles=anonymous_roles),
            index=policy_index,
            db=database,
            clock=clock,
        )
        holder["services"] = services
        return make_app(services=services, core=ReportStub(services, features))

    async with serve(lambda _: fake.app()) as connector_url, serve(build) as base:
        yield Teams(
            base=base,
            connector=fake,
            connector_url=connector_url + "/",
            services=holder["services"],
            clock=clock,
        )


# --- messages ------------------------------------------------------------------------


async def test_help_in_personal_chat_is_a_markdown_reply_to_the_message(teams: Teams) -> None:
    posted = await teams.say("hjalp")
    assert len(posted) == 1
    reply = posted[0]
    # A reply to the user's activity, in the user's conversation.
    assert reply.method == "POST"
    assert reply.path == "/v3/conversations/a:1personal-anna/activities/1732300000001"
    assert reply.body["type"] == "message"
    assert reply.body["textFormat"] == "markdown"
    assert reply.body["replyToId"] == "1732300000001"
    assert reply.body["recipient"]["id"] == "29:1anna-teams-id"
    assert reply.authorization is None  # anonymous mode: no credentials sent anywhere
    assert "**Så här använder du mig**" in reply.text
    assert "/kontakt – öppna formuläret" in reply.text


async def test_commands_work_with_and_without_the_slash(teams: Teams) -> None:
    with_slash = await teams.say("/hjalp")
    without = await teams.say("hjalp")
    assert with_slash[0].text == without[0].text


async def test_a_question_is_answered_with_an_adaptive_card(teams: Teams) -> None:
    posted = await teams.say("Vem tecknar samarbetsavtal i Motala?")
    assert len(posted) == 1
    card = posted[0].card
    assert card is not None
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == "1.5"
    texts = card_texts(card)
    assert texts[0] == "Så här står det i Motalas policy:"
    assert any(text.startswith("Källa: Motala, ") for text in texts)
    assert any(text == "Relaterat:" for text in texts)
    quote = card["body"][1]
    assert quote["type"] == "Container" and quote["style"] == "emphasis"
    actions = card["actions"]
    assert [a["title"] for a in actions] == ["Hjälpsamt", "Inte hjälpsamt"]
    assert all(a["type"] == "Action.Submit" for a in actions)
    assert actions[0]["data"]["intbot"] == "feedback" and actions[0]["data"]["helpful"] is True
    assert posted[0].body["summary"] == texts[0]


async def test_an_unanswerable_question_says_so_plainly(teams: Teams) -> None:
    posted = await teams.say("Hur många glassar äter en älg?")
    card = posted[0].card
    assert card is not None
    texts = card_texts(card)
    assert texts[0].startswith("Det svarar policytexterna inte på.")
    assert not any(text.startswith("Källa:") for text in texts)


async def test_a_mention_in_a_channel_is_stripped_and_answered_in_the_thread(
    teams: Teams,
) -> None:
    status, posted = await teams.send("message_channel_mention")
    assert status == 201
    assert len(posted) == 1
    assert posted[0].path == (
        "/v3/conversations/19:network-general@thread.tacv2;messageid=1732300000002"
        "/activities/1732300000002"
    )
    card = posted[0].card
    assert card is not None
    assert card_texts(card)[0] == "Så här står det i Motalas policy:"


async def test_a_channel_message_without_a_mention_is_left_alone(teams: Teams) -> None:
    status, posted = await teams.send(
        "message_channel_mention",
        text="fraga Vem tecknar samarbetsavtal i Motala?",
        entities=[],
    )
    assert status == 201
    assert posted == []


async def test_a_mention_of_someone_else_does_not_wake_the_bot(teams: Teams) -> None:
    status, posted = await teams.send(
        "message_channel_mention",
        text="<at>Anna</at> hjalp",
        entities=[{"type": "mention", "text": "<at>Anna</at>", "mentioned": {"id": "29:1anna"}}],
    )
    assert status == 201
    assert posted == []


async def test_user_text_echoed_back_cannot_mention_or_format(teams: Teams) -> None:
    # An unknown command word is echoed back in the error.
    posted = await teams.say("/okänt<at>Alla</at><b>x</b>**fet**[länk](https://x.example)")
    text = posted[0].text
    assert "<at>" not in text and "<b>" not in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text
    assert "\\*\\*fet\\*\\*" in text
    assert "\\[länk\\]" in text


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


# --- anonymous mode guards ---------------------------------------------------------------


@pytest.mark.parametrize(
    "service_url",
    [
        "https://smba.trafficmanager.net/emea/",
        "http://203.0.113.7:8080/",
        "http://127.0.0.1.attacker.example/",
        "http://[::ffff:10.0.0.1]/",
        "file:///etc/passwd",
    ],
)
async def test_anonymous_mode_refuses_a_non_loopback_service_url(
    teams: Teams, service_url: str
) -> None:
    payload = activity("message_personal", service_url=service_url, text="hjalp")
    status, _ = await post_activity(teams.base, payload)
    assert status == 401
    assert teams.connector.posted == []


async def test_anonymous_mode_serves_localhost_and_ipv6_loopback_names(teams: Teams) -> None:
    port = teams.connector_url.rsplit(":", 1)[1]
    payload = activity("message_personal", service_url=f"http://localhost:{port}", text="hjalp")
    status, _ = await post_activity(teams.base, payload)
    assert status == 201
    assert len(teams.connector.posted) == 1


# --- report download ---------------------------------------------------------------------


async def _download(url: str) -> tuple[int, bytes, dict[str, str]]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.read(), dict(response.headers)


async def test_a_document_comes_as_a_card_with_a_signed_download_link(teams: Teams) -> None:
    posted = await teams.say("rapport testfil")
    card = posted[0].card
    assert card is not None
    texts = card_texts(card)
    assert texts[0] == "Nätverkets rapport 2026"
    assert "Länken gäller i 60 minuter." in texts
    (action,) = card["actions"]
    assert action["type"] == "Action.OpenUrl"
    url = action["url"]
    assert url.startswith(f"{teams.base}/teams/files/")

    status, body, headers = await _download(url)
    assert status == 200
    assert body == "kommun;kontakter\nFalköping;12\n".encode()
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="rapport-2026.csv"' in headers["Content-Disposition"]
    assert headers["Cache-Control"] == "no-store"

    token = url.rsplit("/", 1)[1]
    forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    for bad in (f"{teams.base}/teams/files/{forged}", f"{teams.base}/teams/files/nonsense"):
        status, body, _ = await _download(bad)
        assert status == 403
        assert b"rapport" not in body and b"kommun" not in body

    teams.clock.now = START + dt.timedelta(minutes=61)
    status, body, _ = await _download(url)
    assert status == 403
    assert b"kommun" not in body


# --- with credentials ----------------------------------------------------------------------


@pytest.fixture
async def secured(
    settings: Settings, database: Database, policy_index: PolicyIndex
) -> AsyncIterator[tuple[str, FakeConnector, Services]]:
    fake = FakeConnector()
    holder: dict[str, Services] = {}

    def build(base: str) -> web.Application:
        secured_settings = teams_settings(settings, public_url=base).model_copy(
            update={
                "teams_allow_anonymous": False,
                "microsoft_app_id": APP_ID,
                "microsoft_app_password": "not-a-real-password",
            }
        )
        services = Services(settings=secured_settings, index=policy_index, db=database)
        holder["services"] = services
        return make_app(services=services, core=Bot(services, all_features()))

    async with serve(build) as base:
        yield base, fake, holder["services"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": ""},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic YWxhZGRpbjpvcGVuc2VzYW1l"},
        {"Authorization": "Bearer not.a.jwt"},
        {"Authorization": f"Bearer {FORGED_JWT}"},
    ],
    ids=["none", "empty", "bearer-without-token", "basic", "garbage", "forged"],
)
async def test_with_credentials_a_request_without_a_valid_token_is_refused(
    secured: tuple[str, FakeConnector, Services], headers: dict[str, str]
) -> None:
    base, fake, services = secured
    payload = activity("card_submit", service_url="http://127.0.0.1:9/")
    payload["value"] = {"intbot": "feedback", "helpful": True, "question": "x", "lang": "sv"}
    status, _ = await post_activity(base, payload, headers=headers)
    assert status == 401
    assert fake.posted == []
    async with services.db.session() as session:
        count = await session.scalar(select(func.count()).select_from(AnswerFeedback))
    assert count == 0  # the turn never ran


async def test_the_bot_id_is_in_the_fixtures() -> None:
    # The fixtures address the bot as Teams does: by its "28:" id.
    for name in ("message_personal", "message_channel_mention", "conversation_update_installed"):
        assert activity(name, service_url="http://127.0.0.1/")["recipient"]["id"] == BOT_ID


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


def _submit_data(card: dict[str, Any], **inputs: str) -> dict[str, Any]:
    """What Teams sends when the user fills in `inputs` and presses the submit button:
    the action's data merged with every input's value (strings)."""
    (action,) = card["actions"]
    return {**action["data"], **inputs}


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
    bad = _submit_data(
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
    good = _submit_data(
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
    # Teams retries a delivery with the same activity id: the core sees the same key.
    status, posted = await teams.send("card_submit", id="submit-2", value=good)
    assert [p.text for p in posted] == ["Redan sparad."]
    assert len(contact_stand_in.stored) == 1


# --- the shared server's hook -----------------------------------------------------------


async def test_create_app_adds_the_routes_of_the_surfaces_it_is_given(
    settings: Settings, database: Database, policy_index: PolicyIndex
) -> None:
    def routes(app: web.Application) -> set[str]:
        return {r.resource.canonical for r in app.router.routes() if r.resource is not None}

    on = Services(
        settings=teams_settings(settings, public_url="http://127.0.0.1:3978"),
        index=policy_index,
        db=database,
    )
    teams = TeamsSurface(bot=Bot(on, all_features()), services=on)
    served = routes(create_app(services=on, surfaces=[teams]))
    assert {"/api/messages", "/teams/files/{token}"} <= served
    assert "/api/messages" not in routes(create_app(services=on))


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [("{not json", "application/json", 400), ("a=b", "application/x-www-form-urlencoded", 415)],
)
async def test_a_body_that_is_not_an_activity_is_a_client_error(
    teams: Teams, body: str, content_type: str, status: int
) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{teams.base}/api/messages", data=body, headers={"Content-Type": content_type}
        ) as response,
    ):
        assert response.status == status
    assert teams.connector.posted == []


# --- the console's conversations, through Teams (one core, three surfaces) --------------


def _seen(posted: list[Posted]) -> str:
    """What the user sees of the replies, flattened: card texts, and message text with
    the markdown escapes and HTML entities undone."""
    parts: list[str] = []
    for p in posted:
        card = p.card
        if card is not None:
            parts.extend(card_texts(card))
        else:
            parts.append(html.unescape(re.sub(r"\\(.)", r"\1", p.text)))
    return " ".join(" ".join(parts).split())


async def test_console_conversation_quote_and_source(teams: Teams) -> None:
    reply = _seen(await teams.say("Vem tecknar samarbetsavtal i Motala?"))
    assert "tecknar samarbetsavtal och ingår kommunalt partnerskap" in reply
    assert "Källa: Motala, Policy för internationell samverkan, Roller och ansvar" in reply


async def test_console_conversation_ask_command(teams: Teams) -> None:
    for text in (
        "/fraga Vilket diarienummer har Kungälvs policy?",
        "fraga Vilket diarienummer har Kungälvs policy?",
    ):
        reply = _seen(await teams.say(text))
        assert "KS2019/1537" in reply
        assert "Källa: Kungälv" in reply


async def test_console_conversation_english(teams: Teams) -> None:
    reply = _seen(await teams.say("Who decides on twin town agreements in Motala?"))
    assert "Motala's policy says" in reply
    assert "beslutar i frågor om vänortsavtal" in reply
    assert "Source: Motala" in reply


async def test_console_conversation_does_not_guess(teams: Teams) -> None:
    reply = _seen(await teams.say("Hur många invånare har Götene kommun?"))
    # Never a quoted answer: an honest no, or passages offered as a question back.
    unsure = "menar du något av detta?" in reply
    assert unsure or ("Det svarar policytexterna inte på" in reply and "samordnaren" in reply)
    assert "Källa" not in reply


# --- the real report, delivered as a card with a download link ----------------------------


async def test_the_coordinators_report_comes_with_a_working_download_link(teams: Teams) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    posted = await teams.say("rapport 2026 csv", **{"from": coordinator})
    links = [
        action["url"]
        for p in posted
        if (card := p.card) is not None
        for action in card.get("actions", [])
        if action["type"] == "Action.OpenUrl"
    ]
    assert len(links) == 1, [p.body for p in posted]
    status, body, headers = await _download(links[0])
    assert status == 200
    assert body  # the CSV the core produced
    assert headers["Content-Type"].startswith("text/csv")

    # Someone who is not the coordinator gets the core's refusal, and no link.
    refused = await teams.say("rapport 2026 csv")
    assert all(p.card is None for p in refused)


# --- the real contact log through the card ------------------------------------------------


def _choice(card: dict[str, Any], field: str, title: str) -> str:
    """The value of the option titled `title` in the card's `field` choice set."""
    for choice in card_inputs(card)[field]["choices"]:
        if choice["title"].lower().startswith(title.lower()):
            return str(choice["value"])
    raise AssertionError(f"no {title!r} among {field} choices")


async def _contacts_count(services: Services) -> int:
    from bot.store.models import Contact

    async with services.db.session() as session:
        count = await session.scalar(select(func.count()).select_from(Contact))
    return int(count or 0)


async def test_a_representative_logs_a_contact_with_the_card(teams: Teams) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    setup = await teams.say(
        "natverk representant aad-anna Kultur- och fritidsförvaltningen", **{"from": coordinator}
    )
    assert setup, "the coordinator gets an answer"

    posted = await teams.say("kontakt")
    card = posted[0].card
    assert card is not None, _seen(posted)
    inputs = card_inputs(card)
    assert inputs["date"]["type"] == "Input.Date"
    assert inputs["country"]["type"] == "Input.ChoiceSet"
    assert inputs["country"]["style"] == "filtered"
    assert inputs["kind"]["type"] == "Input.ChoiceSet"

    # Missing partner and a description: rejected on the card, nothing stored.
    bad = _submit_data(card, date="2026-03-12", country=_choice(card, "country", "Tyskland"))
    status, posted = await teams.send("card_submit", id="submit-real-1", value=bad)
    assert status == 201
    again = next(p.card for p in posted if p.card is not None)
    assert "errors" in [e.get("id") for e in again["body"]]
    assert card_inputs(again)["date"]["value"] == "2026-03-12"
    assert await _contacts_count(teams.services) == 0

    good = _submit_data(
        card,
        date="2026-03-12",
        partner="Stadt Wetzlar",
        country=_choice(card, "country", "Tyskland"),
        kind=_choice(card, "kind", "Vänort"),
        description="Skolutbyte åk 8 <!channel> **fet**",
    )
    status, posted = await teams.send("card_submit", id="submit-real-2", value=good)
    assert status == 201
    assert await _contacts_count(teams.services) == 1, _seen(posted)
    # A retried delivery of the same submit stores nothing more.
    await teams.send("card_submit", id="submit-real-2", value=good)
    assert await _contacts_count(teams.services) == 1

    listed = _seen(await teams.say("kontakt lista"))
    assert "Stadt Wetzlar" in listed


# --- issue 13: duplicates, identities, malformed activities -----------------------------

NEW_CONTACT = "kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; typ: vänort"


async def test_the_same_activity_delivered_twice_stores_one_contact(teams: Teams) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    await teams.say("natverk representant aad-anna Kulturförvaltningen", **{"from": coordinator})
    first = await teams.say(NEW_CONTACT, id="activity-dup-1")
    again = await teams.say(NEW_CONTACT, id="activity-dup-1")  # the channel retried
    assert await _contacts_count(teams.services) == 1, _seen(first)
    assert _seen(first) == _seen(again)  # the retry is told what the first stored
    # A new activity with the same contact is a likely duplicate: it asks first, and a
    # confirmed one is a new contact.
    asked = _seen(await teams.say(NEW_CONTACT, id="activity-dup-2"))
    assert await _contacts_count(teams.services) == 1, asked
    await teams.say(f"{NEW_CONTACT}; ändå: ja", id="activity-dup-3")
    assert await _contacts_count(teams.services) == 2


@pytest.mark.parametrize("anonymous_roles", [False])  # anonymous mode as shipped
async def test_an_unauthenticated_activity_claiming_the_coordinators_id_gets_no_rights(
    teams: Teams, anonymous_roles: bool
) -> None:
    impostor = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    posted = await teams.say(
        "natverk representant aad-anna Kulturförvaltningen", **{"from": impostor}
    )
    assert "representerar nu" not in _seen(posted)
    assert "samordnaren" in _seen(posted).lower()  # the core's refusal
    from bot.store.models import Representative

    async with teams.services.db.session() as session:
        assert await session.scalar(select(func.count()).select_from(Representative)) == 0


@pytest.mark.parametrize(
    "body",
    [
        b"[1, 2, 3]",
        b'"just a string"',
        b"{not json",
        b"\xff\xfe\x00binary",
        b'{"type": "message", "serviceUrl": "http://127.0.0.1/", "conversation": {"id": "c"}}',
        b'{"type": "message", "serviceUrl": "http://127.0.0.1/", "from": {"id": "u"}}',
        b'{"type": "message", "serviceUrl": "http://127.0.0.1/", "from": [], '
        b'"conversation": {"id": "c"}}',
        b'{"type": 5, "from": {"id": "u"}, "conversation": {"id": "c"}}',
    ],
)
async def test_a_malformed_activity_is_a_client_error_without_a_traceback(
    teams: Teams, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{teams.base}/api/messages",
            data=body,
            headers={"Content-Type": "application/json"},
        ) as response,
    ):
        assert response.status == 400
    assert teams.connector.posted == []
    assert not [r for r in caplog.records if r.exc_info], "no traceback"
