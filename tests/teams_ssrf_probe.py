"""Run inside a network namespace of its own (`unshare -rn`) by test_teams_ssrf.py.

The namespace has loopback and a test address, 10.1.2.3, on its own `lo`, and nothing
else: an "internal service" listens on 10.1.2.3 and the fake Bot Framework connector on
127.0.0.1, both on the same port. The Teams server runs anonymously (as for the
Emulator); activities name serviceUrls that parsers read differently. Prints, as JSON,
the status of each and which listener the bot's replies reached."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

TEST_ADDRESS = "10.1.2.3"


def make_namespace() -> None:
    for command in (
        ["ip", "link", "set", "lo", "up"],
        ["ip", "addr", "add", f"{TEST_ADDRESS}/32", "dev", "lo"],
    ):
        subprocess.run(command, check=True, capture_output=True)


async def listener(host: str, port: int, hits: list[str]) -> web.AppRunner:
    async def record(request: web.Request) -> web.Response:
        hits.append(f"{request.method} {request.path}")
        return web.json_response({"id": "reply-1"})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def main() -> dict[str, Any]:
    make_namespace()
    from adapters.teams.routes import TeamsSurface
    from adapters.web import create_app
    from bot.features import all_features
    from bot.kernel.bot import Bot
    from bot.kernel.config import Settings
    from bot.kernel.turn import Services
    from bot.store import migrate
    from bot.store.db import Database
    from knowledge.index import load_index
    from tests.teams_support import activity

    port = 18080
    internal: list[str] = []
    loopback: list[str] = []
    runners = [
        await listener(TEST_ADDRESS, port, internal),
        await listener("127.0.0.1", port, loopback),
    ]
    # The namespace really routes 10.1.2.3: a leak would be seen.
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://{TEST_ADDRESS}:{port}/reachable") as response,
    ):
        reachable = response.status == 200
    internal.clear()
    db_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'intbot.db'}"
    await migrate.upgrade_async(db_url)
    db = Database.connect(db_url)
    settings = Settings(
        database_url=db_url,
        teams_allow_anonymous=True,
        link_secret="ssrf-probe-link-secret-ssrf-probe",
        public_url="http://127.0.0.1",
    )
    services = Services(settings=settings, index=load_index(), db=db)
    app = create_app(
        services=services,
        surfaces=[TeamsSurface(bot=Bot(services, all_features()), services=services)],
    )
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 3978).start()
    urls = [
        f"http://{TEST_ADDRESS}:{port}\\@127.0.0.1:{port}/",
        f"http://127.0.0.1:{port}\\@{TEST_ADDRESS}:{port}/",
        f"http://{TEST_ADDRESS}:{port}/",
        f"http://x@{TEST_ADDRESS}:{port}/",
        f"http://[::ffff:{TEST_ADDRESS}]:{port}/",
        f"http://168952323:{port}/",  # 10.1.2.3 in decimal
        f"http://127.0.0.1:{port}/",  # the control: loopback is served
    ]
    statuses: dict[str, int] = {}
    async with aiohttp.ClientSession() as http:
        for url in urls:
            payload = activity("message_personal", service_url=url, text="hjalp")
            async with http.post("http://127.0.0.1:3978/api/messages", json=payload) as response:
                statuses[url] = response.status
    await runner.cleanup()
    for r in runners:
        await r.cleanup()
    await db.close()
    return {"reachable": reachable, "statuses": statuses, "internal": internal,
            "loopback": loopback}  # fmt: skip


if __name__ == "__main__":
    json.dump(asyncio.run(main()), sys.stdout)
