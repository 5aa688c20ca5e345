"""A local fake of the Slack Web API (after bolt-python's tests/mock_web_api_server): an
aiohttp server on an ephemeral loopback port that records every call and answers as
Slack would. The bot's `AsyncWebClient` reaches it through `SLACK_API_URL`; response
URLs and file upload URLs handed out by the tests and by the fake point at it too.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0001"


@dataclass
class Call:
    """One request that reached the fake: a Web API method (`chat.postMessage`), a
    `response_url` post (`response_url`) or a file upload (`upload`)."""

    method: str
    args: dict[str, Any]
    raw: bytes = b""
    token: str | None = None

    def blocks_text(self) -> str:
        """Every text in the call's blocks (or view), for assertions."""
        return "\n".join(_texts(self.args.get("view") or self.args.get("blocks") or []))


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        return found + [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def _decode_fields(args: dict[str, Any]) -> dict[str, Any]:
    for key in ("blocks", "view", "files", "attachments"):
        value = args.get(key)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                args[key] = json.loads(value)
    return args


@dataclass
class FakeSlack:
    """Start with `await fake.start()`; `fake.api_url` is the Web API base URL."""

    calls: list[Call] = field(default_factory=list)
    # method -> Slack error code to answer with ({"ok": false, "error": code})
    errors: dict[str, str] = field(default_factory=dict)
    # method -> error code for the next call only
    fail_once: dict[str, str] = field(default_factory=dict)
    # user id -> real name, for users.info (unknown ids: user_not_found)
    names: dict[str, str] = field(default_factory=dict)
    _runner: web.AppRunner | None = None
    _base: str = ""
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self._base

    @property
    def api_url(self) -> str:
        return self._base + "api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self._base}response/{name}"

    async def start(self) -> FakeSlack:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)  # slack_sdk GETs users.info
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self._base = f"http://{host}:{port}/"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what reached the fake --------------------------------------------------------

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls if c.method != "auth.test"]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """The calls to `method` once at least `count` arrived (fails after `timeout`)."""

        async def arrived() -> list[Call]:
            while len(self.called(method)) < count:
                self._changed.clear()
                await self._changed.wait()
            return self.called(method)

        try:
            return await asyncio.wait_for(arrived(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"expected {count} {method} call(s); the fake saw {self.methods()}"
            ) from None

    async def settle(self, quiet: float = 0.3) -> None:
        """Wait until no call arrived for `quiet` seconds (work after the ack is done)."""
        while True:
            before = len(self.calls)
            await asyncio.sleep(quiet)
            if len(self.calls) == before:
                return

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._changed.set()

    # --- handlers ---------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.read()
        if request.content_type == "application/json":
            args = json.loads(raw or b"{}")
        else:
            args = dict((await request.post()).items())
        args = {**request.query, **args}  # slack_sdk sends some methods' params as a query
        auth = request.headers.get("Authorization", "")
        call = Call(
            method=method,
            args=_decode_fields(dict(args)),
            raw=raw,
            token=auth.removeprefix("Bearer ") or None,
        )
        self._record(call)
        error = self.fail_once.pop(method, None) or self.errors.get(method)
        if error:
            return web.json_response({"ok": False, "error": error})
        return web.json_response(self._answer(method, call.args))

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        n = next(self._ids)
        ts = f"1700000000.{n:06d}"
        match method:
            case "auth.test":
                return {
                    "ok": True,
                    "url": "https://intbot-test.slack.com/",
                    "team": "Test",
                    "user": "intbot",
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "bot_id": BOT_ID,
                    "is_enterprise_install": False,
                }
            case "chat.postMessage":
                return {"ok": True, "channel": args.get("channel"), "ts": ts, "message": args}
            case "chat.postEphemeral":
                return {"ok": True, "message_ts": ts}
            case "views.open" | "views.publish" | "views.update" | "views.push":
                view = args.get("view") or {}
                return {"ok": True, "view": {**view, "id": f"V{n:05d}", "hash": f"h{n}"}}
            case "users.info":
                user = str(args.get("user"))
                name = self.names.get(user)
                if name is None:
                    return {"ok": False, "error": "user_not_found"}
                return {"ok": True, "user": {"id": user, "name": user.lower(),
                                             "profile": {"real_name": name}}}  # fmt: skip
            case "conversations.open":
                return {"ok": True, "channel": {"id": f"D{args.get('users', 'X')}"}}
            case "files.getUploadURLExternal":
                file_id = f"F{n:05d}"
                return {
                    "ok": True,
                    "file_id": file_id,
                    "upload_url": f"{self._base}upload/{file_id}",
                }
            case "apps.connections.open":
                return {"ok": True, "url": self._base.replace("http://", "ws://") + "socket"}
            case "files.completeUploadExternal":
                files = args.get("files") or []
                return {
                    "ok": True,
                    "files": [{"id": f["id"], "title": f.get("title")} for f in files],
                }
            case _:
                return {"ok": True}

    async def send_envelope(self, envelope: dict[str, Any], timeout: float = 10.0) -> None:
        """Send a Socket Mode envelope to the connected app (waits for the connection)."""
        async with asyncio.timeout(timeout):
            while not self._sockets:
                self._changed.clear()
                await self._changed.wait()
        await self._sockets[-1].send_json(envelope)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Slack's Socket Mode WebSocket: hello, then envelopes out and acks in (recorded
        as `socket_ack` calls)."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {}})
        self._sockets.append(ws)
        self._changed.set()
        try:
            async for message in ws:
                if message.type == web.WSMsgType.TEXT:
                    self._record(Call(method="socket_ack", args=json.loads(message.data)))
        finally:
            self._sockets.remove(ws)
        return ws

    async def _response_url(self, request: web.Request) -> web.Response:
        raw = await request.read()
        self._record(
            Call(
                method="response_url",
                args={**json.loads(raw), "_name": request.match_info["name"]},
                raw=raw,
            )
        )
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        raw = await request.read()
        self._record(
            Call(method="upload", args={"file_id": request.match_info["file_id"]}, raw=raw)
        )
        return web.Response(text=f"OK - {len(raw)}")
