"""Teams end to end, who may talk to the bot: anonymous mode for a local Emulator only,
credentials, the shared server's hook, duplicate deliveries and malformed activities."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import func, select

from adapters.teams.routes import TeamsSurface
from adapters.web import create_app
from bot.features import all_features
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.turn import Services
from bot.store.db import Database
from bot.store.models import AnswerFeedback
from knowledge.index import PolicyIndex
from tests.teams_server import (
    APP_ID,
    FORGED_JWT,
    Teams,
    contacts_count,
    make_app,
    seen,
    teams_settings,
)
from tests.teams_server import anonymous_roles as anonymous_roles  # the fixtures
from tests.teams_server import features as features
from tests.teams_server import teams as teams
from tests.teams_support import (
    BOT_ID,
    FakeConnector,
    activity,
    post_activity,
    serve,
)

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


# --- issue 13: duplicates, identities, malformed activities -----------------------------

NEW_CONTACT = "kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; typ: vänort"


async def test_the_same_activity_delivered_twice_stores_one_contact(teams: Teams) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    await teams.say(
        "natverk representant aad-anna ny förvaltning Kulturförvaltningen", **{"from": coordinator}
    )
    first = await teams.say(NEW_CONTACT, id="activity-dup-1")
    again = await teams.say(NEW_CONTACT, id="activity-dup-1")  # the channel retried
    assert await contacts_count(teams.services) == 1, seen(first)
    assert "Stadt Wetzlar" in seen(first)
    assert again == []  # the retry's id is seen: no second turn, no second answer
    # A new activity with the same contact is a likely duplicate: it asks first, and a
    # confirmed one is a new contact.
    asked = seen(await teams.say(NEW_CONTACT, id="activity-dup-2"))
    assert await contacts_count(teams.services) == 1, asked
    await teams.say(f"{NEW_CONTACT}; ändå: ja", id="activity-dup-3")
    assert await contacts_count(teams.services) == 2


@pytest.mark.parametrize("anonymous_roles", [False])  # anonymous mode as shipped
async def test_an_unauthenticated_activity_claiming_the_coordinators_id_gets_no_rights(
    teams: Teams, anonymous_roles: bool
) -> None:
    impostor = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    posted = await teams.say(
        "natverk representant aad-anna ny förvaltning Kulturförvaltningen", **{"from": impostor}
    )
    assert "representerar nu" not in seen(posted)
    assert "samordnaren" in seen(posted).lower()  # the core's refusal
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
