"""`intbot serve` as the platform runs it (a separate process on `$PORT`): /healthz
answers and a signed slash command is acknowledged and answered through the fake Slack;
SIGINT stops it cleanly. And /healthz says 503 when the database does not answer."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.cli import build_bot
from adapters.slack.app import SlackSurface, create_slack_app
from adapters.web import create_app
from bot.kernel.turn import Services
from bot.store import migrate
from bot.store.db import Database
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, SlackClient, start_site

ROOT = Path(__file__).parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_intbot_serve_answers_health_and_signed_commands(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    database_url = f"sqlite:///{tmp_path / 'serve.db'}"
    await migrate.upgrade_async(database_url)
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "Microsoft", "MICROSOFT_", "INTBOT_TEAMS"))
    }
    env |= {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "INTBOT_DATABASE_URL": database_url,
        "PORT": str(port),
    }
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "adapters.cli",
        "serve",
        "--host",
        "127.0.0.1",
        cwd=ROOT,
        env=env,
        stderr=asyncio.subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                try:
                    async with session.get(base_url + "/healthz") as response:
                        if response.status == 200:
                            assert await response.json() == {"status": "ok"}
                            break
                except aiohttp.ClientConnectionError:
                    pass
                if server.returncode is not None:
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("intbot serve did not answer /healthz")
            slack = SlackClient(base_url=base_url, fake=fake_slack, session=session)
            sent = await slack.command("/hjalp")
            assert sent.status == 200
            [reply] = await fake_slack.wait_for("response_url")
            assert "/kontakt" in reply.blocks_text()
    finally:
        if server.returncode is None:
            server.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(server.communicate(), 30)
    assert server.returncode == 0, stderr.decode()
    assert "Slack (/slack/events)" in stderr.decode()


async def test_healthz_is_503_when_the_database_does_not_answer(services: Services) -> None:
    unreachable = Database(create_async_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"))
    broken = Services(settings=services.settings, index=services.index, db=unreachable)
    runner, url = await start_site(create_app(services=broken))
    try:
        async with aiohttp.ClientSession() as session, session.get(url + "/healthz") as response:
            assert response.status == 503
            assert (await response.json())["status"] == "unavailable"
    finally:
        await runner.cleanup()
        await unreachable.close()


async def test_socket_mode_takes_a_command_over_the_websocket_and_acks_it(
    slack_services: Services, fake_slack: FakeSlack
) -> None:
    settings = slack_services.settings.model_copy(
        update={"slack_signing_secret": None, "slack_app_token": "xapp-test"}
    )
    services = Services(settings=settings, index=slack_services.index, db=slack_services.db)
    bot = build_bot(services)
    slack = create_slack_app(bot=bot, services=services, settings=settings, socket_mode=True)
    app = create_app(services=services, surfaces=[SlackSurface(slack, app_token="xapp-test")])
    runner, _ = await start_site(app)
    try:
        await fake_slack.send_envelope(
            {
                "envelope_id": "env-1",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": {
                    "team_id": "T0001",
                    "channel_id": "C1",
                    "user_id": "U1",
                    "command": "/hjalp",
                    "text": "",
                    "api_app_id": "A0001",
                    "response_url": fake_slack.response_url("socket"),
                    "trigger_id": "trigger.s1",
                },
            }
        )
        [ack] = await fake_slack.wait_for("socket_ack")
        assert ack.args["envelope_id"] == "env-1"
        [reply] = await fake_slack.wait_for("response_url")
        assert "/kontakt" in reply.blocks_text()
        [opened] = fake_slack.called("apps.connections.open")
        assert opened.token == "xapp-test"
    finally:
        await runner.cleanup()
