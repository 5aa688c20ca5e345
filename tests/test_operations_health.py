"""Issue 13 §7: `/healthz` says 503 on a database that answers but is not at the
migrations' head, and `intbot db upgrade` reports a failure in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import aiohttp

from adapters.web import create_app
from bot.kernel.turn import Services
from bot.store import migrate
from tests.slack.harness import start_site


async def _health(services: Services) -> tuple[int, dict[str, str]]:
    runner, url = await start_site(create_app(services=services))
    try:
        async with aiohttp.ClientSession() as session, session.get(url + "/healthz") as response:
            return response.status, await response.json()
    finally:
        await runner.cleanup()


async def test_healthz_is_503_until_the_schema_is_at_the_head(
    services: Services, db_url: str
) -> None:
    assert await _health(services) == (200, {"status": "ok"})
    await migrate.downgrade_async(db_url, "0104")  # reachable, one migration behind
    status, body = await _health(services)
    assert (status, body["database"]) == (503, "not migrated")
    assert "intbot db upgrade" in body["detail"]
    await migrate.downgrade_async(db_url, "base")  # reachable, never migrated
    assert (await _health(services))[0] == 503
    await migrate.upgrade_async(db_url)
    assert (await _health(services))[0] == 200


def test_db_upgrade_on_a_read_only_sqlite_file_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "intbot.db"
    migrate.upgrade(f"sqlite:///{path}", "0104")
    # Opened read-only by SQLite itself (chmod does not stop root, who runs CI here).
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    env = {**os.environ, "INTBOT_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    # Alembic's progress lines are INFO log lines; the failure is one line of its own.
    lines = [line for line in done.stderr.strip().splitlines() if " INFO " not in line]
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert lines[0].startswith("intbot db upgrade: ")
    assert "readonly" in lines[0]
