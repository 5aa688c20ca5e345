"""Fixtures for the Slack end-to-end tests: the fake Slack Web API and the real web
server, the bot's Web API client pointed at the fake through SLACK_API_URL."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import aiohttp
import pytest

from adapters.slack.app import SlackSurface, create_slack_app
from adapters.web import create_app
from bot.features import all_features
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.feature import Feature
from bot.kernel.turn import Services
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, SlackClient, start_site


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def slack_settings(settings: Settings, fake_slack: FakeSlack) -> Settings:
    return settings.model_copy(
        update={
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake_slack.api_url,
        }
    )


@pytest.fixture
def slack_services(services: Services, slack_settings: Settings) -> Services:
    return dataclasses.replace(services, settings=slack_settings)


@pytest.fixture
def slack_features() -> list[Feature]:
    """The core's features behind the `slack` server; a test module may stand one in."""
    return all_features()


@pytest.fixture
async def slack(
    slack_services: Services, fake_slack: FakeSlack, slack_features: list[Feature]
) -> AsyncIterator[SlackClient]:
    """The real server (create_app + the Bolt app) on an ephemeral port, and a client
    that signs requests as Slack does."""
    bot = Bot(slack_services, slack_features)
    slack_app = create_slack_app(bot=bot, services=slack_services, settings=slack_services.settings)
    app = create_app(services=slack_services, surfaces=[SlackSurface(slack_app)])
    runner, url = await start_site(app)
    try:
        async with aiohttp.ClientSession() as session:
            yield SlackClient(base_url=url, fake=fake_slack, session=session)
    finally:
        await runner.cleanup()
