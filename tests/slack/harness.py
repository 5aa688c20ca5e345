"""Run the real web server on an ephemeral loopback port and talk to it as Slack does:
every request signed with the signing secret exactly as Slack signs it
(`v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`, slack_sdk's own signer); slash commands
form-encoded, events JSON, interactivity form-encoded `payload=<json>`."""

from __future__ import annotations

import itertools
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from tests.slack.fake_slack import TEAM_ID, FakeSlack

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-test-token"


def sign(
    body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


@dataclass
class Sent:
    status: int
    text: str
    elapsed: float

    def json(self) -> Any:
        return json.loads(self.text)


async def start_site(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


@dataclass
class SlackClient:
    """Plays Slack against the server at `base_url`."""

    base_url: str
    fake: FakeSlack
    session: aiohttp.ClientSession
    secret: str = SIGNING_SECRET
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def post(
        self,
        body: str,
        *,
        content_type: str,
        headers: dict[str, str] | None = None,
        signed: bool = True,
        secret: str | None = None,
        timestamp: int | None = None,
        path: str = "/slack/events",
    ) -> Sent:
        all_headers: dict[str, str] = {"Content-Type": content_type}
        if signed:
            all_headers |= sign(body, secret=secret or self.secret, timestamp=timestamp)
        all_headers |= headers or {}
        started = time.perf_counter()
        async with self.session.post(
            self.base_url + path, data=body.encode(), headers=all_headers
        ) as response:
            text = await response.text()
        return Sent(status=response.status, text=text, elapsed=time.perf_counter() - started)

    def command_body(
        self, command: str, text: str = "", *, user: str = "U1", channel: str = "C1"
    ) -> str:
        n = next(self._ids)
        return urllib.parse.urlencode(
            {
                "token": "legacy-unused",
                "team_id": TEAM_ID,
                "team_domain": "test",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": user,
                "user_name": user.lower(),
                "command": command,
                "text": text,
                "api_app_id": "A0001",
                "is_enterprise_install": "false",
                "response_url": self.fake.response_url(f"cmd{n}"),
                "trigger_id": f"trigger.{n}",
            }
        )

    async def command(self, command: str, text: str = "", **kwargs: Any) -> Sent:
        body = self.command_body(
            command, text, **{k: v for k, v in kwargs.items() if k in ("user", "channel")}
        )
        return await self.post(body, content_type="application/x-www-form-urlencoded")

    def event_body(self, event: dict[str, Any], *, event_id: str | None = None) -> str:
        n = next(self._ids)
        return json.dumps(
            {
                "token": "legacy-unused",
                "team_id": TEAM_ID,
                "api_app_id": "A0001",
                "event": {"event_ts": f"1700000100.{n:06d}", **event},
                "type": "event_callback",
                "event_id": event_id or f"Ev{n:08d}",
                "event_time": 1700000100 + n,
                "authorizations": [
                    {
                        "team_id": TEAM_ID,
                        "user_id": "UBOT",
                        "is_bot": True,
                        "is_enterprise_install": False,
                    }
                ],
            }
        )

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None
    ) -> Sent:
        headers = (
            {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            if retry
            else {}
        )
        return await self.post(
            self.event_body(event, event_id=event_id),
            content_type="application/json",
            headers=headers,
        )

    async def interact(self, payload: dict[str, Any]) -> Sent:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return await self.post(body, content_type="application/x-www-form-urlencoded")

    def block_action(
        self,
        action: dict[str, Any],
        *,
        user: str = "U1",
        channel: str | None = "C1",
        view: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        n = next(self._ids)
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": TEAM_ID, "domain": "test"},
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "api_app_id": "A0001",
            "token": "legacy-unused",
            "trigger_id": f"trigger.a{n}",
            "actions": [{"action_ts": f"1700000200.{n:06d}", "block_id": "b", **action}],
        }
        if channel is not None:
            payload["channel"] = {"id": channel, "name": "general"}
            payload["container"] = {
                "type": "message",
                "channel_id": channel,
                "message_ts": "1700000000.000001",
            }
            payload["response_url"] = self.fake.response_url(f"act{n}")
        if view is not None:
            payload["view"] = view
            payload["container"] = {"type": "view", "view_id": view.get("id", "VHOME")}
        return payload

    def view_submission(
        self,
        view: dict[str, Any],
        values: dict[str, Any],
        *,
        user: str = "U1",
        view_id: str = "V0001",
    ) -> dict[str, Any]:
        """A view_submission of `view` (as sent to views.open) with `values` as Slack's
        `state.values` ({block_id: {action_id: {...}}})."""
        return {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": "test"},
            "user": {
                "id": user,
                "username": user.lower(),
                "name": user.lower(),
                "team_id": TEAM_ID,
            },
            "api_app_id": "A0001",
            "token": "legacy-unused",
            "trigger_id": "trigger.view",
            "view": {
                **view,
                "id": view_id,
                "team_id": TEAM_ID,
                "hash": "h1",
                "state": {"values": values},
            },
            "response_urls": [],
        }


def state_values(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Slack's `view.state.values` for the input blocks of `view`, as a user would fill
    them in: {field name: value} with lists for multi-selects and bools for checkboxes."""
    result: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        kind = element["type"]
        value = values.get(block["block_id"])

        def chosen(v: str) -> dict[str, Any]:
            return {"text": {"type": "plain_text", "text": v}, "value": v}

        match kind:
            case "datepicker":
                item = {"type": kind, "selected_date": value}
            case "static_select" | "external_select":
                item = {"type": kind, "selected_option": chosen(value) if value else None}
            case "multi_static_select" | "multi_external_select":
                item = {"type": kind, "selected_options": [chosen(v) for v in value or []]}
            case "checkboxes":
                item = {"type": kind, "selected_options": [chosen("true")] if value else []}
            case _:
                item = {"type": kind, "value": None if value is None else str(value)}
        result[block["block_id"]] = {element["action_id"]: item}
    return result
