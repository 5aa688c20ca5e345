"""Helpers for the Teams end-to-end tests: a local fake of the Bot Framework connector,
the server under test on an ephemeral port, and activities from JSON fixtures."""

from __future__ import annotations

import copy
import itertools
import json
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

FIXTURES = Path(__file__).parent / "fixtures" / "teams"
BOT_ID = "28:intbot-app-id"


def activity(name: str, *, service_url: str, **changes: Any) -> dict[str, Any]:
    """The activity in `fixtures/teams/{name}.json`, addressed to `service_url`."""
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    data = copy.deepcopy(data)
    data["serviceUrl"] = service_url
    data.update(changes)
    return data


@dataclass
class Posted:
    """One call the bot made to the connector."""

    method: str
    path: str
    body: dict[str, Any]
    authorization: str | None

    @property
    def card(self) -> dict[str, Any] | None:
        for attachment in self.body.get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                content: dict[str, Any] = attachment["content"]
                return content
        return None

    @property
    def text(self) -> str:
        return str(self.body.get("text") or "")


@dataclass
class FakeConnector:
    """Records `POST /v3/conversations/{id}/activities[/{activityId}]` (and updates),
    and answers `GET /v3/conversations/{id}/members/{memberId}` from `members` (a
    channel account id's account, as Teams gives it: id, name, aadObjectId)."""

    posted: list[Posted] = field(default_factory=list)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._record)
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}", self._record)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._record)
        return app

    async def _record(self, request: web.Request) -> web.Response:
        self.posted.append(
            Posted(
                method=request.method,
                path=request.path,
                body=await request.json(),
                authorization=request.headers.get("Authorization"),
            )
        )
        return web.json_response({"id": f"reply-{next(self._ids)}"})

    async def _member(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["member"])
        if member is None:
            return web.json_response(
                {"error": {"code": "MemberNotFoundInConversation"}}, status=404
            )
        return web.json_response(member)

    def cards(self) -> list[dict[str, Any]]:
        return [card for p in self.posted if (card := p.card) is not None]

    def clear(self) -> None:
        self.posted.clear()


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


@asynccontextmanager
async def serve(make_app: Callable[[str], web.Application]) -> AsyncIterator[str]:
    """Run `make_app(base_url)` on an ephemeral loopback port; yields the base URL."""
    sock = _free_socket()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    runner = web.AppRunner(make_app(base))
    await runner.setup()
    try:
        await web.SockSite(runner, sock).start()
        yield base
    finally:
        await runner.cleanup()


async def post_activity(
    base: str, payload: dict[str, Any], *, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{base}/api/messages", json=payload, headers=headers or {}) as response,
    ):
        return response.status, await response.text()


def card_texts(card: dict[str, Any]) -> list[str]:
    """Every text shown on a card, in order (TextRuns, TextBlocks, input labels)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in {"TextRun", "TextBlock"}:
                found.append(str(node.get("text", "")))
            for key, value in node.items():
                if key != "data":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card.get("body", []))
    return found


def card_inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The card's inputs by id."""
    return {
        element["id"]: element
        for element in card.get("body", [])
        if str(element.get("type", "")).startswith("Input.")
    }
