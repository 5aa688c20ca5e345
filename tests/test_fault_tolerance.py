"""Fault tolerance of `intbot serve` (issue "Running the network"), on SQLite (a file in
tmp_path) and on PostgreSQL (a fresh schema, when INTBOT_TEST_DATABASE_URL is set).

The real server runs as a subprocess (`intbot serve`, Teams in anonymous local mode) and
gets real Bot Framework activities over HTTP; its replies go to a fake connector in this
process (tests/teams_support.py).

1. Crash: 50 representatives' `kontakt ny ...` turns race; once 15 confirmations have
   reached the connector (later ones stall there, so some turns are committed but not
   acknowledged while others are still writing) the server is killed with SIGKILL,
   restarted on the same database, and the database is checked directly.

   An entry is *acknowledged* when its confirmation ("Sparad: kontakt #N") reached the
   connector: the bot only says so after `repo.add_contact` has committed.

   *Half-written* would be a contact row without its audit entry (or an audit entry for a
   contact that does not exist), a row with some of its fields missing, or the same
   submission stored twice. It cannot happen because a turn writes in one transaction:
   `bot.store.contacts.add_contact` inserts the contact, flushes for its id and adds
   the audit row inside one `Database.session()` (`session.begin()`), committed once at
   the end. A process killed before that commit leaves nothing (SQLite rolls back the
   uncommitted WAL frames on the next open; PostgreSQL aborts the dead connection's
   transaction); one killed after it leaves the whole entry, acknowledged or not.

2. Graceful shutdown: SIGTERM while turns are in flight (their confirmations held at the
   connector). aiohttp's `run_app` stops accepting connections, waits up to its
   `shutdown_timeout` (25 s, set by `intbot serve`) for the handlers in progress, then
   runs the cleanup (the reminder loop stops, the database closes) and `intbot serve`
   exits 0. Every request
   the server accepted gets its answer; one it never accepted stores nothing.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from bot.store.db import sync_url
from bot.store.models import (
    AuditEntry,
    Contact,
    Department,
    Representative,
    SentNotification,
)
from tests.teams_support import FakeConnector, Posted, activity, serve

COORDINATOR = "aad-coordinator"
LINK_SECRET = "fault-test-link-secret-not-for-production"
SUBMISSIONS = 50
KILL_AFTER = 15  # acknowledgements before the SIGKILL
GRACEFUL_SUBMISSIONS = 10
HOLD_S = 1.5  # how long the connector holds each confirmation in the shutdown test
# Generous: a loaded 2-core machine starts the server (botbuilder, the policy index) slowly.
START_TIMEOUT_S = 90.0
TURNS_TIMEOUT_S = 120.0
EXIT_TIMEOUT_S = 60.0  # above the shutdown_timeout of `intbot serve` (25 s)
DEPARTMENTS = ("Kulturförvaltningen", "Socialförvaltningen", "Tekniska förvaltningen")
REPRESENTATIVES = tuple(f"aad-rep-{n}" for n in range(5))
COUNTRIES = ("DE", "FI", "EE", "FR", "PL", "NO", "DK")
KINDS = (("vänort", "twin_town"), ("konferens", "conference"), ("studiebesök", "study_visit"))
OK = frozenset({200, 201})  # botbuilder's CloudAdapter answers a message turn with 201
SAVED = re.compile(r"Sparad: kontakt \\?#(\d+)")
# Nothing of the environment that could switch on another surface or database.
_OWN_ENV = re.compile(r"^(INTBOT_|SLACK_|MICROSOFT_APP_|MicrosoftApp)")


# --- the submissions -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One `kontakt ny` submission and what must be stored for it."""

    n: int
    user: str
    department: str

    @property
    def partner(self) -> str:
        return f"Partner {self.n}"

    @property
    def date(self) -> str:
        return f"2026-{1 + self.n % 10:02d}-{1 + self.n % 28:02d}"

    @property
    def country(self) -> str:
        return COUNTRIES[self.n % len(COUNTRIES)]

    @property
    def kind(self) -> tuple[str, str]:
        return KINDS[self.n % len(KINDS)]

    @property
    def activity_id(self) -> str:
        return f"submission-{self.n}"

    @property
    def command(self) -> str:
        return (
            f"kontakt ny datum: {self.date}; partner: {self.partner}; "
            f"land: {self.country}; typ: {self.kind[0]}"
        )


def entries(count: int, *, start: int = 0) -> list[Entry]:
    out = []
    for n in range(start, start + count):
        rep = n % len(REPRESENTATIVES)
        out.append(Entry(n=n, user=REPRESENTATIVES[rep], department=DEPARTMENTS[rep % 3]))
    return out


# --- the fake connector ----------------------------------------------------------------


@dataclass
class Connector(FakeConnector):
    """The fake Bot Framework connector, plus: `stall_after` (after that many replies the
    network stalls: later replies wait, unrecorded, until `stalled` is set and then fail),
    and `hold_s` (each reply is answered that much later)."""

    stall_after: int | None = None
    stalled: asyncio.Event = field(default_factory=asyncio.Event)
    hold_s: float = 0.0
    arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    url: str = ""  # set once it listens
    _admitted: int = 0

    async def _record(self, request: web.Request) -> web.Response:
        if self.stall_after is not None:
            if self._admitted >= self.stall_after:
                await self.stalled.wait()
                return web.Response(status=503)
            self._admitted += 1
        response = await super()._record(request)
        async with self.arrived:
            self.arrived.notify_all()
        if self.hold_s:
            await asyncio.sleep(self.hold_s)
        return response

    def reply_to(self, activity_id: str) -> Posted | None:
        for posted in list(self.posted):
            if posted.body.get("replyToId") == activity_id:
                return posted
        return None

    def acknowledged(self) -> dict[str, int]:
        """Activity id -> the contact id its confirmation names."""
        acks: dict[str, int] = {}
        for posted in list(self.posted):
            found = SAVED.search(posted.text)
            if found is not None:
                acks[str(posted.body.get("replyToId"))] = int(found.group(1))
        return acks

    async def wait_for(self, predicate: Any, *, timeout: float) -> None:
        async with asyncio.timeout(timeout), self.arrived:
            await self.arrived.wait_for(predicate)


# --- the server process ----------------------------------------------------------------


def intbot_command() -> list[str]:
    """The console script next to this interpreter (a Python script: its process *is*
    the server, no wrapper), else `python -m adapters.cli`."""
    script = Path(sys.executable).with_name("intbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "adapters.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(db_url: str, *, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not _OWN_ENV.match(key)}
    env.update(
        {
            "INTBOT_DATABASE_URL": db_url,
            "INTBOT_TEAMS_ALLOW_ANONYMOUS": "1",
            "INTBOT_TEAMS_ANONYMOUS_ROLES": "1",  # the test plays the coordinator
            "INTBOT_COORDINATORS": COORDINATOR,
            "INTBOT_LINK_SECRET": LINK_SECRET,
            "INTBOT_PUBLIC_URL": "http://127.0.0.1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


async def migrate(env: dict[str, str]) -> None:
    done = await asyncio.to_thread(
        subprocess.run,
        [*intbot_command(), "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    @property
    def stderr(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    async def wait_exit(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while (code := self.process.poll()) is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"the server did not exit in {timeout} s:\n{self.stderr}")
            await asyncio.sleep(0.05)
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


@contextlib.asynccontextmanager
async def running_server(
    env: dict[str, str], log: Path, http: aiohttp.ClientSession
) -> AsyncIterator[Server]:
    """`intbot serve` on a free loopback port, healthy; killed if still running after."""
    port = free_port()
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [*intbot_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    server = Server(process=process, base=f"http://127.0.0.1:{port}", log=log)
    try:
        await wait_healthy(server, http)
        yield server
    finally:
        server.stop()


async def wait_healthy(server: Server, http: aiohttp.ClientSession) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.process.poll() is not None:
            raise AssertionError(
                f"intbot serve exited {server.process.returncode}:\n{server.stderr}"
            )
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):
            async with http.get(
                f"{server.base}/healthz", timeout=aiohttp.ClientTimeout(total=5)
            ) as response:
                if response.status == 200:
                    return
        if time.monotonic() > deadline:
            raise AssertionError(f"intbot serve was not healthy in time:\n{server.stderr}")
        await asyncio.sleep(0.1)


def assert_is_the_server(server: Server) -> None:
    """The pid we signal runs `serve` itself (not a shell or launcher around it)."""
    cmdline = Path(f"/proc/{server.process.pid}/cmdline")
    if cmdline.exists():
        argv = cmdline.read_bytes().split(b"\0")
        assert b"python" in argv[0] and b"serve" in argv, argv


# --- talking to it ---------------------------------------------------------------------


def message(user: str, text: str, *, activity_id: str, connector_url: str) -> dict[str, Any]:
    return activity(
        "message_personal",
        service_url=connector_url,
        id=activity_id,
        text=text,
        **{
            "from": {"id": f"29:{user}", "name": user, "aadObjectId": user},
            "conversation": {
                "conversationType": "personal",
                "tenantId": "tenant-1",
                "id": f"a:personal-{user}",
            },
        },
    )


async def post(
    http: aiohttp.ClientSession, server: Server, payload: dict[str, Any]
) -> int | BaseException:
    """The HTTP status, or the error when the server never answered."""
    try:
        async with http.post(
            f"{server.base}/api/messages",
            json=payload,
            timeout=aiohttp.ClientTimeout(total=TURNS_TIMEOUT_S),
        ) as response:
            await response.read()
            return response.status
    except (aiohttp.ClientError, OSError) as error:
        return error


async def say(
    http: aiohttp.ClientSession, server: Server, connector: Connector, user: str, text: str
) -> str:
    activity_id = f"say-{time.monotonic_ns()}"
    payload = message(user, text, activity_id=activity_id, connector_url=connector.url)
    status = await post(http, server, payload)
    assert status in OK, (status, server.stderr)
    reply = connector.reply_to(activity_id)
    assert reply is not None, f"no reply to {text!r}"
    return reply.text


async def register_representatives(
    http: aiohttp.ClientSession, server: Server, connector: Connector
) -> None:
    for n, user in enumerate(REPRESENTATIVES):
        department = DEPARTMENTS[n % 3]
        reply = await say(
            http,
            server,
            connector,
            COORDINATOR,
            f"natverk representant {user} ny förvaltning {department}",
        )
        assert "representerar nu" in reply, reply


# --- the database ----------------------------------------------------------------------


@dataclass(frozen=True)
class Stored:
    contacts: list[Contact]
    audits: list[AuditEntry]
    departments: dict[int, str]
    integrity: str | None  # SQLite's PRAGMA integrity_check


def read_database(db_url: str) -> Stored:
    engine = create_engine(sync_url(db_url))
    try:
        with Session(engine) as session:
            contacts = list(session.scalars(select(Contact).order_by(Contact.id)))
            audits = list(
                session.scalars(
                    select(AuditEntry).where(AuditEntry.entity == "contact").order_by(AuditEntry.id)
                )
            )
            departments = {d.id: d.name for d in session.scalars(select(Department))}
            seats = list(session.scalars(select(Representative)))
            assert len(seats) == len(REPRESENTATIVES)
            integrity = None
            if engine.dialect.name == "sqlite":
                integrity = str(session.execute(text("PRAGMA integrity_check")).scalar())
            session.expunge_all()
    finally:
        engine.dispose()
    return Stored(contacts=contacts, audits=audits, departments=departments, integrity=integrity)


def ledger(db_url: str, pattern: str) -> list[str]:
    """The keys of notices the reminder loop claimed (`sent_notifications`)."""
    engine = create_engine(sync_url(db_url))
    try:
        with Session(engine) as session:
            keys = session.scalars(
                select(SentNotification.key).where(SentNotification.key.like(pattern))
            )
            return list(keys)
    finally:
        engine.dispose()


def assert_whole(stored: Stored, sent: dict[str, Entry]) -> None:
    """No contact half-written: every stored contact is one that was sent, stored once,
    with every field, and with exactly one audit entry for its creation (and no audit
    entry for a contact that does not exist)."""
    if stored.integrity is not None:
        assert stored.integrity == "ok"
    partners = collections.Counter(contact.partner for contact in stored.contacts)
    twice = {partner: n for partner, n in partners.items() if n > 1}
    assert not twice, f"stored more than once: {twice}"
    assert len(stored.contacts) <= len(sent)
    audits: dict[int | None, list[AuditEntry]] = collections.defaultdict(list)
    for entry in stored.audits:
        audits[entry.entity_id].append(entry)
    ids = {contact.id for contact in stored.contacts}
    assert set(audits) <= ids, f"audit entries without a contact: {set(audits) - ids}"
    for contact in stored.contacts:
        expected = sent.get(contact.partner)
        assert expected is not None, f"a contact nobody sent: {contact.partner!r}"
        assert contact.date.isoformat() == expected.date
        assert contact.country == expected.country
        assert contact.kind == expected.kind[1]
        assert stored.departments[contact.department_id] == expected.department
        assert contact.created_by == expected.user
        assert contact.created_at is not None
        assert contact.deleted_at is None
        created = audits.get(contact.id, [])
        assert [(a.action, a.actor) for a in created] == [("create", expected.user)], (
            f"contact #{contact.id} ({contact.partner}) has audit entries {created}"
        )
        changes = created[0].changes
        assert changes["partner"] == contact.partner
        assert changes["country"] == contact.country
        assert changes["kind"] == contact.kind
        assert changes["date"] == contact.date.isoformat()
        assert changes["department_id"] == contact.department_id


def assert_clean_log(server: Server) -> None:
    log = server.stderr
    assert "Traceback" not in log, log
    assert " ERROR " not in log and "CRITICAL" not in log, log


# --- fixtures ----------------------------------------------------------------------------


@dataclass
class Setup:
    db_url: str
    tmp: Path
    http: aiohttp.ClientSession
    connector: Connector

    @property
    def url(self) -> str:
        return self.connector.url


async def submit(setup: Setup, server: Server, entry: Entry) -> int | BaseException:
    """`entry` sent as its representative's Teams message."""
    payload = message(
        entry.user, entry.command, activity_id=entry.activity_id, connector_url=setup.url
    )
    return await post(setup.http, server, payload)


@pytest.fixture
async def setup(db_url: str, tmp_path: Path) -> AsyncIterator[Setup]:
    """An empty database (conftest's `db_url`: SQLite file or a fresh PostgreSQL schema),
    an HTTP client and the fake connector on loopback."""
    connector = Connector()
    async with (
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http,
        serve(lambda _: connector.app()) as connector_url,
    ):
        connector.url = connector_url + "/"
        yield Setup(db_url=db_url, tmp=tmp_path, http=http, connector=connector)


# --- 1. SIGKILL during 50 concurrent submissions ------------------------------------


async def test_killed_during_50_submissions_keeps_every_acknowledged_entry_whole(
    setup: Setup,
) -> None:
    env = server_env(setup.db_url)
    await migrate(env)
    connector = setup.connector
    sent = {entry.partner: entry for entry in entries(SUBMISSIONS)}
    by_activity = {entry.activity_id: entry for entry in sent.values()}

    async with running_server(env, setup.tmp / "first.log", setup.http) as server:
        await register_representatives(setup.http, server, connector)
        assert_is_the_server(server)
        connector.clear()
        # After KILL_AFTER confirmations the network stalls: the later ones never arrive,
        # so the kill finds turns between their commit and their acknowledgement, besides
        # the ones still writing or waiting for the database.
        connector.stall_after = KILL_AFTER
        turns = [asyncio.create_task(submit(setup, server, entry)) for entry in sent.values()]
        await connector.wait_for(
            lambda: len(connector.posted) >= KILL_AFTER, timeout=TURNS_TIMEOUT_S
        )
        os.kill(server.process.pid, signal.SIGKILL)
        assert await server.wait_exit(30) == -signal.SIGKILL
        outcomes = await asyncio.gather(*turns)
        acknowledged = connector.acknowledged()
        connector.stalled.set()  # the stalled replies fail, unrecorded
        connector.stall_after = None

    # Each reply the connector recorded is a confirmation.
    assert len(acknowledged) == KILL_AFTER, [p.text for p in connector.posted]
    answered = [outcome for outcome in outcomes if not isinstance(outcome, BaseException)]
    assert all(status in OK for status in answered), answered
    assert len(answered) < SUBMISSIONS  # the kill cut some turns off

    # Restart on the same database: it opens, and a new entry is stored after the rest.
    async with running_server(env, setup.tmp / "second.log", setup.http) as server:
        late = Entry(n=SUBMISSIONS, user=REPRESENTATIVES[0], department=DEPARTMENTS[0])
        reply = await say(setup.http, server, connector, late.user, late.command)
        assert SAVED.search(reply), reply
        assert_clean_log(server)

    stored = read_database(setup.db_url)
    by_id = {contact.id: contact for contact in stored.contacts}
    # Every acknowledged entry is there, under the id its confirmation named.
    for activity_id, contact_id in acknowledged.items():
        entry = by_activity[activity_id]
        contact = by_id.get(contact_id)
        assert contact is not None, f"acknowledged #{contact_id} ({entry.partner}) is lost"
        assert contact.partner == entry.partner
    after = [c for c in stored.contacts if c.partner == late.partner]
    assert len(after) == 1 and after[0].id == max(by_id)
    assert_whole(stored, {**sent, late.partner: late})
    assert len(stored.contacts) - 1 <= SUBMISSIONS


# --- 2. SIGTERM finishes the turns in flight -----------------------------------------


async def test_sigterm_finishes_the_turns_in_flight_and_exits_cleanly(setup: Setup) -> None:
    # The reminder loop must stop cleanly as well. With a retention period its first pass
    # claims the day's purge in the ledger: proof it ran.
    env = server_env(
        setup.db_url,
        extra={"INTBOT_REMINDER_INTERVAL_S": "10", "INTBOT_RETENTION_YEARS": "5"},
    )
    await migrate(env)
    connector = setup.connector
    sent = {entry.partner: entry for entry in entries(GRACEFUL_SUBMISSIONS)}

    async with running_server(env, setup.tmp / "serve.log", setup.http) as server:
        await register_representatives(setup.http, server, connector)
        assert_is_the_server(server)
        connector.clear()
        connector.hold_s = HOLD_S
        turns = {
            entry.activity_id: asyncio.create_task(submit(setup, server, entry))
            for entry in sent.values()
        }
        # The first confirmation reaching the connector proves a turn is in flight (it
        # waits HOLD_S for the connector's answer); the others are anywhere by now.
        await connector.wait_for(lambda: bool(connector.posted), timeout=TURNS_TIMEOUT_S)
        os.kill(server.process.pid, signal.SIGTERM)
        async with asyncio.timeout(TURNS_TIMEOUT_S):
            outcomes = {key: await task for key, task in turns.items()}
        code = await server.wait_exit(EXIT_TIMEOUT_S)

    log = server.stderr
    assert code == 0, log
    assert_clean_log(server)
    assert "Traceback" not in log
    acknowledged = connector.acknowledged()
    accepted = {key for key, outcome in outcomes.items() if not isinstance(outcome, BaseException)}
    assert accepted, outcomes
    for key in accepted:
        assert outcomes[key] in OK, (key, outcomes[key])
        assert key in acknowledged, f"{key} answered {outcomes[key]} without its confirmation"
    # A request the server never accepted was not processed either.
    stored = read_database(setup.db_url)
    assert_whole(stored, sent)
    by_partner = {contact.partner: contact.id for contact in stored.contacts}
    by_activity = {entry.activity_id: entry for entry in sent.values()}
    assert {by_activity[key].partner for key in accepted} == set(by_partner)
    assert {key: by_partner[by_activity[key].partner] for key in accepted} == {
        key: acknowledged[key] for key in accepted
    }
    assert ledger(setup.db_url, "purge:%"), "the reminder loop never ran"
