"""Reminders, digests and visit notices: due at the right time, sent at most once, across
passes, concurrent processes and restarts (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.features.notices.reminders import (
    LOG_CONTACT_ACTION,
    STALE_AFTER,
    reminder_loop,
    run_due,
)
from bot.kernel.calendar import Tertial
from bot.kernel.turn import Services
from bot.store.db import Database
from bot.store.ledger import claim
from bot.store.models import Contact, SentNotification
from tests.ops_support import UTC, Crash, FakeClock, FakeNotifier, contact, seed_network

# 2026-04-20 10:00 in Stockholm (CEST): ten days before T1 closes on 30 April.
IN_WINDOW = dt.datetime(2026, 4, 20, 8, 0, tzinfo=UTC)
MISSING = ["bob", "carol", "dave"]  # the seats of Skola and Miljö


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(IN_WINDOW)


@pytest.fixture
def ops(services: Services, clock: FakeClock) -> Services:
    settings = services.settings.model_copy(
        update={"reminder_days_before": 14, "visit_notice_channel": "C-visits"}
    )
    return dataclasses.replace(services, settings=settings, clock=clock)


def with_db(services: Services, db: Database) -> Services:
    """The same settings in another process: its own engine on the same database."""
    return dataclasses.replace(services, db=db)


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive UTC datetimes; PostgreSQL aware ones."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def dms(notifier: FakeNotifier) -> list[str]:
    return sorted(s.to for s in notifier.sent if s.where == "dm" and s.action)


async def ledger(db: Database) -> dict[str, SentNotification]:
    async with db.session() as s:
        return {row.key: row for row in (await s.scalars(select(SentNotification))).all()}


def test_tertials() -> None:
    assert Tertial.of(dt.date(2026, 1, 1)).label == "2026-T1"
    assert Tertial.of(dt.date(2026, 4, 30)).end == dt.date(2026, 4, 30)
    assert Tertial.of(dt.date(2026, 5, 1)) == Tertial(2026, 2)
    assert Tertial(2026, 2).start == dt.date(2026, 5, 1)
    assert Tertial(2026, 2).end == dt.date(2026, 8, 31)
    assert Tertial.of(dt.date(2026, 12, 31)) == Tertial(2026, 3)
    assert (Tertial(2026, 3).start, Tertial(2026, 3).end) == (
        dt.date(2026, 9, 1),
        dt.date(2026, 12, 31),
    )


async def test_reminders_go_to_exactly_the_missing_departments_once(
    ops: Services, clock: FakeClock
) -> None:
    await seed_network(ops.db)
    notifier = FakeNotifier()

    clock.now = dt.datetime(2026, 4, 15, 8, tzinfo=UTC)  # 15 days before: not yet
    assert (await run_due(ops, notifier, now=clock.now)).sent == []
    clock.now = dt.datetime(2026, 4, 20, 5, tzinfo=UTC)  # 07:00 local: too early in the day
    assert (await run_due(ops, notifier, now=clock.now)).sent == []

    clock.now = IN_WINDOW
    result = await run_due(ops, notifier, now=clock.now)
    assert result.ran
    assert dms(notifier) == MISSING
    bob = notifier.to("bob")[0]
    assert bob.action == LOG_CONTACT_ACTION
    assert "Skola" in bob.text and "2026-T1" in bob.text and "2026-04-30" in bob.text
    assert "Miljö" in notifier.to("dave")[0].text
    [digest] = notifier.to("coord")
    assert digest.action is None
    assert "Har rapporterat (2): Kultur, Social" in digest.text
    assert "Har inte rapporterat (2): Miljö, Skola" in digest.text
    rows = await ledger(ops.db)
    assert all(aware(row.sent_at) == IN_WINDOW and row.error is None for row in rows.values())

    # Again the same minute, the next day, the last day: nothing twice.
    for later in (
        IN_WINDOW,
        IN_WINDOW + dt.timedelta(days=1),
        dt.datetime(2026, 4, 30, 20, tzinfo=UTC),
    ):
        clock.now = later
        again = await run_due(ops, notifier, now=later)
        assert again.sent == [] and len(again.already_claimed) == 4
    assert sorted(notifier.recipients) == sorted([*MISSING, "coord"])

    # The next tertial has its own reminders; everyone is missing there.
    clock.now = dt.datetime(2026, 8, 25, 8, tzinfo=UTC)
    notifier.sent.clear()
    await run_due(ops, notifier, now=clock.now)
    assert dms(notifier) == ["alice", "bob", "carol", "dave"]
    assert "Har rapporterat (0): inga" in notifier.to("coord")[0].text


async def test_a_department_that_logs_an_entry_is_not_reminded(ops: Services) -> None:
    network = await seed_network(ops.db)
    async with ops.db.session() as s:
        s.add(contact(network.departments["Skola"], "bob", dt.date(2026, 4, 2)))
    notifier = FakeNotifier()
    await run_due(ops, notifier, now=IN_WINDOW)
    assert dms(notifier) == ["carol", "dave"]
    assert "Har rapporterat (3): Kultur, Skola, Social" in notifier.to("coord")[0].text


async def test_two_processes_send_each_notice_once(ops: Services, db_url: str) -> None:
    await seed_network(ops.db)
    notifier = FakeNotifier()
    other = Database.connect(db_url)
    try:
        results = await asyncio.gather(
            run_due(ops, notifier, now=IN_WINDOW),
            run_due(with_db(ops, other), notifier, now=IN_WINDOW),
            run_due(ops, notifier, now=IN_WINDOW),
            run_due(with_db(ops, other), notifier, now=IN_WINDOW),
        )
    finally:
        await other.close()
    assert sorted(notifier.recipients) == sorted([*MISSING, "coord"])
    assert sum(len(r.sent) for r in results) == 4


async def test_a_key_is_claimed_by_exactly_one_of_many_concurrent_claims(
    database: Database, db_url: str
) -> None:
    other = Database.connect(db_url)
    try:
        claims = await asyncio.gather(
            *(
                claim(
                    db,
                    key="reminder:2026-T1:dept:1:rep:1",
                    kind="reminder",
                    recipient="bob",
                    now=IN_WINDOW,
                    owner=f"p{i}",
                )
                for i, db in enumerate([database, other] * 6)
            )
        )
    finally:
        await other.close()
    assert claims.count(True) == 1


async def test_a_restart_mid_run_sends_nothing_twice(
    ops: Services, db_url: str, clock: FakeClock
) -> None:
    await seed_network(ops.db)
    first = Database.connect(db_url)
    dying = FakeNotifier(crash_on_call=2)  # the process dies while sending the 2nd notice
    with pytest.raises(Crash):
        await run_due(with_db(ops, first), dying, now=IN_WINDOW)
    await first.close()
    assert dying.recipients == ["bob"]

    restarted = Database.connect(db_url)
    try:
        after = FakeNotifier()
        clock.advance(minutes=1)
        result = await run_due(with_db(ops, restarted), after, now=clock.now)
        # bob was sent, carol was claimed when the process died: neither goes again.
        assert sorted(after.recipients) == ["coord", "dave"]
        assert set(dying.recipients).isdisjoint(after.recipients)
        assert result.abandoned == []

        # Later, the unconfirmed claim is reported once, and still never resent.
        clock.advance(seconds=STALE_AFTER.total_seconds() + 60)
        late = await run_due(with_db(ops, restarted), after, now=clock.now)
        assert [k for k in late.abandoned if ":rep:" in k] and len(late.abandoned) == 1
        assert late.sent == []
        again = await run_due(with_db(ops, restarted), after, now=clock.now)
        assert again.abandoned == [] and again.sent == []
        assert sorted(after.recipients) == ["coord", "dave"]
        rows = await ledger(restarted)
        [stale] = [r for r in rows.values() if r.sent_at is None]
        assert stale.recipient == "carol" and stale.error and "unconfirmed" in stale.error
    finally:
        await restarted.close()


async def test_a_failed_send_is_logged_and_not_retried(
    ops: Services, caplog: pytest.LogCaptureFixture
) -> None:
    await seed_network(ops.db)
    notifier = FakeNotifier(fail_for={"carol"})
    result = await run_due(ops, notifier, now=IN_WINDOW)
    assert sorted(notifier.recipients) == ["bob", "coord", "dave"]
    assert len(result.failed) == 1 and "failed; not retrying" in caplog.text
    notifier.fail_for.clear()
    await run_due(ops, notifier, now=IN_WINDOW + dt.timedelta(hours=1))
    assert notifier.to("carol") == []
    [row] = [r for r in (await ledger(ops.db)).values() if r.recipient == "carol"]
    assert row.sent_at is None and row.error and "platform refused carol" in row.error


async def test_visit_notices_are_posted_ahead_once(ops: Services, clock: FakeClock) -> None:
    network = await seed_network(ops.db)
    kultur, skola = network.departments["Kultur"], network.departments["Skola"]
    today = dt.date(2026, 4, 20)
    async with ops.db.session() as s:
        twin = contact(kultur, "alice", today + dt.timedelta(days=3), kind="twin_town")
        twin.partner, twin.city, twin.country = "Falun vänort", "Wetzlar", "DE"
        s.add_all(
            [
                twin,
                contact(
                    skola,
                    "bob",
                    today + dt.timedelta(days=10),
                    kind="delegation",
                    partner="Delegation från Tartu",
                    city="Tartu",
                    country="EE",
                ),
                contact(skola, "bob", today + dt.timedelta(days=2), kind="meeting"),
                contact(
                    kultur,
                    "alice",
                    today + dt.timedelta(days=1),
                    kind="twin_town",
                    deleted_by="alice",
                    deleted_at=IN_WINDOW,
                ),
                contact(kultur, "alice", today - dt.timedelta(days=1), kind="twin_town"),
            ]
        )
    notifier = FakeNotifier()
    clock.now = dt.datetime(2026, 4, 20, 5, tzinfo=UTC)  # before 09:00 local
    await run_due(ops, notifier, now=clock.now)
    assert notifier.sent == []
    clock.now = IN_WINDOW
    await run_due(ops, notifier, now=clock.now)
    [post] = [s for s in notifier.sent if s.where == "channel"]
    assert post.to == "C-visits"
    assert "2026-04-23" in post.text and "vänortsbesök" in post.text
    assert "Falun vänort (Wetzlar, Tyskland)" in post.text and "Kultur" in post.text

    clock.advance(days=4)  # the delegation is six days ahead now
    await run_due(ops, notifier, now=clock.now)
    await run_due(ops, notifier, now=clock.now)
    posts = [s.text for s in notifier.sent if s.where == "channel"]
    assert len(posts) == 2
    assert "inkommande delegation" in posts[1] and "Tartu, Estland" in posts[1]

    # A rescheduled visit is announced again, once.
    async with ops.db.session() as s:
        row = await s.get(Contact, twin.id)
        assert row is not None
        row.date = dt.date(2026, 4, 27)
    await run_due(ops, notifier, now=clock.now)
    await run_due(ops, notifier, now=clock.now)
    posts = [s.text for s in notifier.sent if s.where == "channel"]
    assert len(posts) == 3 and "2026-04-27" in posts[2]


async def test_no_channel_no_visit_notices(ops: Services) -> None:
    network = await seed_network(ops.db)
    async with ops.db.session() as s:
        s.add(
            contact(network.departments["Kultur"], "alice", dt.date(2026, 4, 22), kind="twin_town")
        )
    quiet = dataclasses.replace(
        ops, settings=ops.settings.model_copy(update={"visit_notice_channel": None})
    )
    notifier = FakeNotifier()
    await run_due(quiet, notifier, now=IN_WINDOW)
    assert [s for s in notifier.sent if s.where == "channel"] == []


async def test_the_retention_purge_runs_once_a_day(ops: Services) -> None:
    network = await seed_network(ops.db)
    async with ops.db.session() as s:
        s.add(
            contact(
                network.departments["Kultur"],
                "alice",
                dt.date(2021, 3, 1),
                description="Besök av Anna, anna@example.org",
            )
        )
    keeping = dataclasses.replace(
        ops, settings=ops.settings.model_copy(update={"retention_years": 3})
    )
    first = await run_due(keeping, FakeNotifier(), now=IN_WINDOW)
    assert first.purged == 1
    async with ops.db.session() as s:
        s.add(contact(network.departments["Kultur"], "alice", dt.date(2021, 4, 1)))
    assert (await run_due(keeping, FakeNotifier(), now=IN_WINDOW)).purged == 0  # same day
    nxt = await run_due(keeping, FakeNotifier(), now=IN_WINDOW + dt.timedelta(days=1))
    assert nxt.purged == 1


async def test_the_loop_runs_passes_until_stopped(ops: Services) -> None:
    await seed_network(ops.db)
    stop = asyncio.Event()
    notifier = FakeNotifier()
    task = asyncio.create_task(reminder_loop(ops, notifier, interval_s=0.05, stop=stop))
    for _ in range(200):
        if len(notifier.sent) >= 4:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)  # a few more passes: nothing twice
    stop.set()
    await asyncio.wait_for(task, 5)
    assert sorted(notifier.recipients) == sorted([*MISSING, "coord"])


# One `intbot serve` process's pass, as a script: several start at the same moment. On
# PostgreSQL one takes the advisory lock and the others skip; on SQLite they share the
# work through the ledger. Either way each notice goes out once.
PROCESS = """
import asyncio, datetime as dt, sys, time
from bot.kernel.config import Settings
from bot.kernel.turn import Services
from bot.features.notices.reminders import run_due
from bot.store.db import Database

url, out, start = sys.argv[1], sys.argv[2], float(sys.argv[3])

class FileNotifier:
    async def send_direct(self, *, user, text, action):
        await asyncio.sleep(0.05)
        with open(out, "a") as f:
            f.write(user + "\\n")

    async def post_channel(self, *, channel, text):
        await self.send_direct(user=channel, text=text, action=None)

async def main():
    settings = Settings(database_url=url, coordinators=frozenset({"coord"}))
    db = Database.connect(url)
    services = Services(settings=settings, index=None, db=db)
    await db.engine.dispose()  # connect fresh, at the same moment as the others
    time.sleep(max(0.0, start - time.time()))
    now = dt.datetime(2026, 4, 20, 8, tzinfo=dt.UTC)
    try:
        result = await run_due(services, FileNotifier(), now=now)
        print(result.ran, len(result.sent))
    finally:
        await db.close()

asyncio.run(main())
"""


async def test_four_server_processes_send_each_reminder_once(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    import sys
    import time

    await seed_network(database)
    out = tmp_path / "sent.txt"
    start = time.time() + 2.0
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            PROCESS,
            db_url,
            str(out),
            str(start),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(4)
    ]
    outputs = [await asyncio.wait_for(p.communicate(), 60) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
    assert sorted(out.read_text().split()) == sorted([*MISSING, "coord"])
    sent = [int(o.split()[1]) for o, _ in outputs]
    assert sum(sent) == 4
