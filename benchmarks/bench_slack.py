"""Slack ack latency: signed slash commands from 50 concurrent clients at the real server
on loopback, the bot's Web API client pointed at a local fake of Slack.

    .venv/bin/python -m benchmarks slack

Prints p50/p99 ack time (the HTTP response Slack waits for, at most 3 s) and the
throughput of acknowledged commands, then how long the answers took to reach the fake
(the work done after the ack). Target: p99 under 100 ms.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp

CLIENTS = 50
REQUESTS = 2000
TIME_LIMIT = 60.0  # seconds: stop sending after this, whatever the count
QUESTIONS = (
    "/fraga Vem ansvarar för vänortsarbetet i Motala?",
    "/fraga Hur följs det internationella arbetet upp?",
    "/ask Who signs cooperation agreements?",
    "/hjalp ",
)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _serve(database_url: str, api_url: str, ports: multiprocessing.Queue[int]) -> None:
    """The server under test, in its own process as in production (the clients and the
    fake Slack must not share its event loop)."""
    from aiohttp import web

    from adapters.cli import build_bot, build_services
    from adapters.slack.app import SlackSurface, create_slack_app
    from adapters.web import create_app
    from bot.kernel.config import Settings
    from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET

    logging.getLogger("intbot.slack.bolt").setLevel(logging.ERROR)
    settings = Settings(database_url=database_url).model_copy(
        update={
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": api_url,
        }
    )

    async def run() -> None:
        services = build_services(settings)
        bot = build_bot(services)
        slack = create_slack_app(bot=bot, services=services, settings=settings)
        runner = web.AppRunner(
            create_app(services=services, surfaces=[SlackSurface(slack)]), access_log=None
        )
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        ports.put(runner.addresses[0][1])
        await asyncio.Event().wait()  # until terminated

    asyncio.run(run())


async def _run() -> None:
    from bot.store import migrate
    from tests.slack.fake_slack import FakeSlack
    from tests.slack.harness import SlackClient

    fake = await FakeSlack().start()
    spawn = multiprocessing.get_context("spawn")
    ports: multiprocessing.Queue[int] = spawn.Queue()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        await migrate.upgrade_async(url)
        server = spawn.Process(target=_serve, args=(url, fake.api_url, ports), daemon=True)
        server.start()
        try:
            port = await asyncio.get_running_loop().run_in_executor(None, ports.get, True, 60)
            base_url = f"http://127.0.0.1:{port}"
            connector = aiohttp.TCPConnector(limit=CLIENTS)
            async with aiohttp.ClientSession(connector=connector) as session:
                client = SlackClient(base_url=base_url, fake=fake, session=session)
                await client.command("/hjalp")  # warm-up: auth.test, first connections
                await fake.wait_for("response_url")
                fake.calls.clear()

                acks: list[float] = []
                failures = 0
                sent = 0
                deadline = time.perf_counter() + TIME_LIMIT

                async def worker(number: int) -> None:
                    nonlocal failures, sent
                    i = number
                    while sent < REQUESTS and time.perf_counter() < deadline:
                        sent += 1
                        command, _, text = QUESTIONS[i % len(QUESTIONS)].partition(" ")
                        i += CLIENTS
                        result = await client.command(command, text, user=f"U{number:03d}")
                        if result.status == 200:
                            acks.append(result.elapsed)
                        else:
                            failures += 1

                started = time.perf_counter()
                await asyncio.gather(*(worker(n) for n in range(CLIENTS)))
                acked = time.perf_counter() - started
                with contextlib.suppress(AssertionError):
                    await fake.wait_for("response_url", len(acks), timeout=120)
                done = time.perf_counter() - started
                delivered = len(fake.called("response_url"))
        finally:
            server.terminate()
            server.join(10)
    await fake.stop()

    ms = [a * 1000 for a in acks]
    print(
        f"slash commands: {len(acks)} acknowledged, {failures} failed, {CLIENTS} concurrent clients"
    )
    print(
        f"ack time: p50 {statistics.median(ms):.1f} ms, p99 {_percentile(ms, 0.99):.1f} ms, "
        f"max {max(ms):.1f} ms (target p99 < 100 ms; Slack allows 3000 ms)"
    )
    print(f"throughput: {len(acks) / acked:.0f} acks/s")
    print(
        f"answers delivered to the response_url: {delivered} in {done:.1f} s "
        f"({delivered / done:.0f}/s)"
    )


def main() -> None:
    logging.getLogger("intbot.slack.bolt").setLevel(logging.ERROR)
    asyncio.run(_run())
