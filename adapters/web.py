"""One aiohttp application for every web surface: `/slack/events` (Slack over HTTP),
the Teams routes (`/api/messages`, added by `adapters.teams.routes` when Teams is
configured) and `/healthz` for the platform's health checks.

Built by `create_app()`; nothing is created at import. Slack requests go through Bolt
unchanged (`to_bolt_request` / `to_aiohttp_response`), so the signature is always
verified by Bolt before anything else looks at the payload.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from aiohttp import web
from aiohttp.typedefs import Middleware
from sqlalchemy import text

from bot.features.notices.reminders import Notifier

if TYPE_CHECKING:
    from adapters.slack.app import SlackApp
    from bot.kernel.bot import Bot, Services
    from bot.kernel.config import Settings

log = logging.getLogger(__name__)

# Slack's largest payloads (a modal submission with every field) are a few tens of kB;
# a Teams activity with an Adaptive Card is of the same order. 1 MiB leaves ample room.
MAX_BODY_BYTES = 1024 * 1024
HEALTH_TIMEOUT = 3.0  # seconds for the database to answer `SELECT 1`

SERVICES: web.AppKey[Services] = web.AppKey("services")
# Set by the Teams routes when Teams is on: how reminders reach people in Teams.
TEAMS_NOTIFIER: web.AppKey[ChainedNotifier] = web.AppKey("teams_notifier")
TEAMS_MODULE = "adapters.teams.routes"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ChainedNotifier(Notifier, Protocol):
    """A notifier that hands who it cannot reach to `fallback`."""

    fallback: Notifier | None


def _too_large(limit: int) -> web.Response:
    return web.json_response(
        {"error": "payload too large", "limit_bytes": limit},
        status=413,
    )


def _body_limit(limit: int) -> Middleware:
    """Refuse a declared oversize body before reading it (aiohttp's own
    `client_max_size` stops undeclared ones while reading, also with 413)."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.content_length is not None and request.content_length > limit:
            return _too_large(limit)
        try:
            return await handler(request)
        except web.HTTPRequestEntityTooLarge:
            return _too_large(limit)

    return middleware


async def _healthz(request: web.Request) -> web.Response:
    """200 when the database answers `SELECT 1`, else 503 (the error is logged)."""
    services = request.app[SERVICES]
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT), services.db.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception:
        log.exception("health check: the database did not answer")
        return web.json_response({"status": "unavailable", "database": "error"}, status=503)
    return web.json_response({"status": "ok"})


def slack_route(slack: SlackApp) -> Handler:
    """`POST /slack/events`: Bolt verifies the signature, dispatches and answers."""
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

    async def handle(request: web.Request) -> web.StreamResponse:
        bolt_response = await slack.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    return handle


def _teams_routes() -> ModuleType | None:
    """`adapters.teams.routes`, imported only now so botbuilder stays inside
    adapters/teams; None while that module does not exist."""
    try:
        return importlib.import_module(TEAMS_MODULE)
    except ModuleNotFoundError as error:
        if error.name is not None and TEAMS_MODULE.startswith(error.name):
            return None
        raise


def teams_configured(settings: Settings) -> bool:
    """Whether the Teams module exists and says Teams' credentials are set."""
    routes = _teams_routes()
    enabled = getattr(routes, "teams_enabled", None)
    return bool(enabled is not None and enabled(settings))


def _add_teams(app: web.Application, *, bot: Bot, services: Services, required: bool) -> None:
    routes = _teams_routes()
    add = getattr(routes, "add_teams_routes", None)
    if add is None or not hasattr(routes, "teams_enabled"):
        if required:
            raise RuntimeError(f"{TEAMS_MODULE} with teams_enabled and add_teams_routes is missing")
        return
    if required or teams_configured(services.settings):
        add(app, bot=bot, services=services)


def add_notices(app: web.Application, *, services: Services, notifier: Notifier) -> None:
    """Run the core's reminder and notice passes (`reminder_loop`) every
    `INTBOT_REMINDER_INTERVAL_S` while `app` runs; on shutdown the pass in progress
    finishes first. Several processes may run it: the core's ledger sends each notice
    once."""
    from bot.features.notices.reminders import reminder_loop

    async def notices(_: web.Application) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(
            reminder_loop(
                services,
                notifier,
                interval_s=services.settings.reminder_interval_s,
                stop=stop,
            )
        )
        try:
            yield
        finally:
            stop.set()
            await task

    app.cleanup_ctx.append(notices)


def create_app(
    *,
    services: Services,
    bot: Bot,
    slack: SlackApp | None = None,
    teams: bool | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> web.Application:
    """The web application. `slack`: the Bolt app to serve at `/slack/events` (None in
    socket mode or without Slack). `teams`: None adds the Teams routes when Teams is
    configured, True requires them, False leaves them out."""
    app = web.Application(client_max_size=max_body_bytes, middlewares=[_body_limit(max_body_bytes)])
    app[SERVICES] = services
    app.router.add_get("/healthz", _healthz)
    if slack is not None:
        from adapters.slack.app import attach_lifecycle

        app.router.add_post("/slack/events", slack_route(slack))
        attach_lifecycle(app, slack=slack)
    if teams is not False:
        _add_teams(app, bot=bot, services=services, required=teams is True)
    return app
