"""Issue 13 §2, property-based: whatever reaches `/slack/events` or `/api/messages`,
unauthenticated or signed, the server answers below 500 and logs no traceback.

The real application (Slack and Teams surfaces, anonymous Teams as for the Emulator)
runs in a thread with its own event loop and a fake Slack and Bot Framework connector;
hypothesis drives it through a plain HTTP client. The number of inputs tried is printed.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.slack.app import SlackSurface, create_slack_app
from adapters.teams.routes import TeamsSurface
from adapters.web import create_app
from bot.features import all_features
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.turn import Services
from bot.store import migrate
from bot.store.db import Database
from knowledge.index import load_index
from tests.slack.fake_slack import TEAM_ID, FakeSlack
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, sign, start_site
from tests.teams_support import FakeConnector, serve

EXAMPLES = 250  # per property; four properties
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Tracebacks(logging.Handler):
    """Every record with a stack, or at ERROR and above, from any thread."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.levelno >= logging.ERROR:
            self.found.append(f"{record.name}: {record.getMessage()}")


@dataclass
class Server:
    """The application on a loopback port, served from its own thread."""

    port: int = 0
    connector_url: str = ""
    tried: dict[str, int] = field(default_factory=dict)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        self.tried[path] = self.tried.get(path, 0) + 1
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db_url = f"sqlite:///{Path(tmp_path_factory.mktemp('fuzz')) / 'intbot.db'}"
    migrate.upgrade(db_url)
    loop = asyncio.new_event_loop()
    ready: Future[Server] = Future()
    stop = asyncio.Event()

    async def run() -> None:
        fake = await FakeSlack().start()
        connector = FakeConnector()
        db = Database.connect(db_url)
        settings_ = Settings(
            database_url=db_url,
            coordinators=frozenset({"UCOORD"}),
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake.api_url,
            teams_allow_anonymous=True,
            link_secret="fuzz-link-secret-fuzz-link-secret",
            public_url="http://127.0.0.1",
        )
        services = Services(settings=settings_, index=load_index(), db=db)
        bot = Bot(services, all_features())
        slack = create_slack_app(bot=bot, services=services, settings=settings_)
        app = create_app(
            services=services,
            surfaces=[SlackSurface(slack), TeamsSurface(bot=bot, services=services)],
        )
        runner, url = await start_site(app)
        async with serve(lambda _: connector.app()) as connector_url:
            ready.set_result(Server(port=int(url.rsplit(":", 1)[1]), connector_url=connector_url))
            await stop.wait()
        await runner.cleanup()
        await fake.stop()
        await db.close()

    thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
    thread.start()
    found = ready.result(timeout=120)
    try:
        yield found
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=60)
        print(f"\nfuzz: inputs tried per endpoint: {found.tried}")


@pytest.fixture(scope="module")
def tracebacks() -> Iterator[Tracebacks]:
    handler = Tracebacks()
    logging.getLogger().addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger().removeHandler(handler)


def settle(tracebacks: Tracebacks) -> None:
    time.sleep(0.5)  # work after the ack runs on the server's thread
    assert tracebacks.found == [], tracebacks.found


# --- strategies ------------------------------------------------------------------------

SLACK_KEYS = st.sampled_from(
    ["type", "event", "event_id", "command", "text", "user_id", "user", "id", "channel",
     "channel_id", "team_id", "team", "view", "actions", "action_id", "value", "state",
     "values", "private_metadata", "callback_id", "trigger_id", "response_url", "tab",
     "channel_type", "authorizations", "container", "api_app_id", "block_id", "name",
     "username", "thread_ts", "ts", "bot_id", "subtype", "is_enterprise_install"]
)  # fmt: skip
SLACK_TYPES = st.sampled_from(
    ["event_callback", "block_actions", "view_submission", "block_suggestion", "message",
     "app_mention", "app_home_opened", "url_verification", "shortcut", "view_closed"]
)  # fmt: skip
LEAVES = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
    | SLACK_TYPES | st.sampled_from(["U1", "D1", "C1", "/kontakt", "intbot_form:contact",
                                     "feedback_helpful", "open_form", "show_help", "{}", "[]"])
)  # fmt: skip
JSONISH = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(SLACK_KEYS, inner, max_size=6),
    max_leaves=25,
)


def signed_headers(body: bytes, content_type: str) -> dict[str, str]:
    return {"Content-Type": content_type, **sign(body.decode("utf-8", "surrogateescape"))}


@given(
    body=st.binary(max_size=300)
    | st.text(max_size=300).map(str.encode)
    | JSONISH.map(lambda v: json.dumps(v).encode()),
    timestamp=st.none()
    | st.sampled_from(["abc", "", "-1", "1e9", "99999999999999999999"])
    | st.integers(0, 2**40).map(str)
    | st.text(max_size=12),
    signature=st.none() | st.sampled_from(["v0=", "v0=" + "0" * 64]) | st.text(max_size=70),
    content_type=st.sampled_from(
        ["application/json", "application/x-www-form-urlencoded", "text/plain", ""]
    ),
)
@FUZZ
def test_unauthenticated_slack_requests_are_401(
    server: Server,
    tracebacks: Tracebacks,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    content_type: str,
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    if timestamp is not None and timestamp.isprintable() and timestamp.isascii():
        headers["X-Slack-Request-Timestamp"] = timestamp
    if signature is not None and signature.isprintable() and signature.isascii():
        headers["X-Slack-Signature"] = signature
    status = server.post("/slack/events", body, headers)
    assert status in {401, 413}, status
    assert tracebacks.found == [], tracebacks.found


def _form(fields: dict[str, Any]) -> bytes:
    return urllib.parse.urlencode(
        {k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()}
    ).encode()


SIGNED_BODIES = st.one_of(
    # Events API envelopes with anything inside.
    st.fixed_dictionaries(
        {"type": st.just("event_callback"), "team_id": st.just(TEAM_ID),
         "event_id": st.text(min_size=1, max_size=20), "event": JSONISH},
        optional={"authorizations": JSONISH, "api_app_id": LEAVES},
    ).map(lambda v: ("application/json", json.dumps(v).encode())),
    # Any JSON at all.
    JSONISH.map(lambda v: ("application/json", json.dumps(v).encode())),
    # Interactivity: payload=<anything>.
    JSONISH.map(lambda v: ("application/x-www-form-urlencoded", _form({"payload": v}))),
    st.fixed_dictionaries(
        {"type": SLACK_TYPES, "user": JSONISH, "team": st.just({"id": TEAM_ID})},
        optional={"actions": JSONISH, "view": JSONISH, "trigger_id": LEAVES,
                  "container": JSONISH, "channel": JSONISH, "value": LEAVES,
                  "action_id": LEAVES, "response_url": LEAVES},
    ).map(lambda v: ("application/x-www-form-urlencoded", _form({"payload": v}))),
    # Slash commands with missing or odd fields.
    st.dictionaries(
        st.sampled_from(["command", "text", "user_id", "channel_id", "team_id",
                         "trigger_id", "user_name"]),
        st.text(max_size=30) | st.sampled_from(["/kontakt", "/fraga", "/natverk", "/hjalp"]),
        max_size=7,
    ).map(lambda v: ("application/x-www-form-urlencoded", _form(v))),
)  # fmt: skip


@given(signed=SIGNED_BODIES)
@FUZZ
def test_signed_malformed_slack_payloads_are_never_a_server_error(
    server: Server, tracebacks: Tracebacks, signed: tuple[str, bytes]
) -> None:
    content_type, body = signed
    status = server.post("/slack/events", body, signed_headers(body, content_type))
    assert status < 500, (status, body[:300])
    assert tracebacks.found == [], (tracebacks.found, body[:300])


TEAMS_KEYS = st.sampled_from(
    ["type", "id", "from", "conversation", "recipient", "text", "value", "serviceUrl",
     "channelId", "membersAdded", "entities", "aadObjectId", "name", "conversationType",
     "action", "form_id", "lang", "helpful", "passage_id", "question", "replyToId"]
)  # fmt: skip
TEAMS_JSON = st.recursive(
    LEAVES | st.sampled_from(["message", "conversationUpdate", "invoke", "intbot.form"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEAMS_KEYS, inner, max_size=6),
    max_leaves=25,
)


@given(body=TEAMS_JSON, raw=st.none() | st.binary(max_size=200))
@FUZZ
def test_any_teams_body_is_never_a_server_error(
    server: Server, tracebacks: Tracebacks, body: Any, raw: bytes | None
) -> None:
    data = raw if raw is not None else json.dumps(body).encode()
    status = server.post("/api/messages", data, {"Content-Type": "application/json"})
    invoke = isinstance(body, dict) and body.get("type") == "invoke"
    assert status < 500 or (status == 501 and invoke), (status, data[:300])
    assert tracebacks.found == [], (tracebacks.found, data[:300])


@given(
    activity=st.fixed_dictionaries(
        {"type": st.sampled_from(["message", "conversationUpdate", "invoke", "event"]),
         "from": st.fixed_dictionaries({"id": st.text(min_size=1, max_size=10)},
                                       optional={"aadObjectId": LEAVES, "name": LEAVES}),
         "conversation": st.fixed_dictionaries({"id": st.text(min_size=1, max_size=10)},
                                               optional={"conversationType": LEAVES}),
         "channelId": st.just("msteams")},
        optional={"text": st.text(max_size=60) | st.sampled_from(
                      ["kontakt ny datum: idag; partner: X; land: DE; typ: vänort", "hjalp",
                       "kontakt", "natverk representant U1 ny förvaltning Kultur", "rapport 2026"]),
                  "value": TEAMS_JSON, "id": st.text(max_size=10),
                  "recipient": st.just({"id": "28:bot"}), "membersAdded": TEAMS_JSON,
                  "entities": TEAMS_JSON},
    )
)  # fmt: skip
@FUZZ
def test_well_formed_teams_activities_with_odd_contents_are_never_a_server_error(
    server: Server, tracebacks: Tracebacks, activity: dict[str, Any]
) -> None:
    activity["serviceUrl"] = server.connector_url + "/"
    data = json.dumps(activity).encode()
    status = server.post("/api/messages", data, {"Content-Type": "application/json"})
    # 501 is botbuilder's protocol answer to an invoke the bot does not implement.
    assert status < 500 or (status, activity["type"]) == (501, "invoke"), (status, data[:300])
    assert tracebacks.found == [], (tracebacks.found, data[:300])


def test_after_the_fuzz_no_work_left_failed(server: Server, tracebacks: Tracebacks) -> None:
    settle(tracebacks)
    print(f"\nfuzz: {sum(server.tried.values())} inputs tried: {server.tried}")
