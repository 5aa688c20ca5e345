"""The Teams server the Teams tests talk to: the real aiohttp app with the Teams surface,
on an ephemeral port, and a local fake connector at the activities' `serviceUrl`; with
the helpers that read what the user would see."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
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
from bot.kernel.feature import Feature
from bot.kernel.messages import (
    Event,
    File,
    Message,
    Reply,
)
from bot.kernel.turn import Services
from bot.store.db import Database
from knowledge.index import PolicyIndex
from tests.teams_support import (
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

    sent: set[str] = field(default_factory=set)  # activity ids posted so far

    async def send(self, name: str, **changes: Any) -> tuple[int, list[Posted]]:
        """Post the fixture `name` with `changes`. Each call is a new activity: a fixture's
        id already posted gets a suffix, unless the test gives the id (a redelivery)."""
        self.connector.clear()
        payload = activity(name, service_url=self.connector_url, **changes)
        if "id" not in changes and payload.get("id") in self.sent:
            payload["id"] = f"{payload['id']}-{len(self.sent)}"
        self.sent.add(str(payload.get("id")))
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


async def download(url: str) -> tuple[int, bytes, dict[str, str]]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.read(), dict(response.headers)


def submit_data(card: dict[str, Any], **inputs: str) -> dict[str, Any]:
    """What Teams sends when the user fills in `inputs` and presses the submit button:
    the action's data merged with every input's value (strings)."""
    (action,) = card["actions"]
    return {**action["data"], **inputs}


def seen(posted: list[Posted]) -> str:
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


def choice(card: dict[str, Any], field: str, title: str) -> str:
    """The value of the option titled `title` in the card's `field` choice set."""
    for choice in card_inputs(card)[field]["choices"]:
        if choice["title"].lower().startswith(title.lower()):
            return str(choice["value"])
    raise AssertionError(f"no {title!r} among {field} choices")


async def contacts_count(services: Services) -> int:
    from bot.store.models import Contact

    async with services.db.session() as session:
        count = await session.scalar(select(func.count()).select_from(Contact))
    return int(count or 0)
