"""One aiohttp application for every surface the composition root gives it (Slack,
Teams), `/healthz` for the platform's health checks, and the notice passes.

Built by `create_app(surfaces=...)`; nothing is created at import, and this module knows
no platform: each surface adds its own routes (`Surface.attach`).
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Protocol, runtime_checkable

from aiohttp import web
from aiohttp.typedefs import Middleware

from adapters.surface import Surface
from bot.features.notices.reminders import Notifier
from bot.kernel.turn import Services

log = logging.getLogger(__name__)

# Slack's largest payloads (a modal submission with every field) are a few tens of kB;
# a Teams activity with an Adaptive Card is of the same order. 1 MiB leaves ample room.
MAX_BODY_BYTES = 1024 * 1024

SERVICES: web.AppKey[Services] = web.AppKey("services")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@runtime_checkable
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
    """200 when the database answers `SELECT 1` and its schema is at the migrations'
    head, else 503 (the reason is logged)."""
    records = request.app[SERVICES].records
    try:
        await records.ping()
    except Exception:
        log.exception("health check: the database did not answer")
        return web.json_response({"status": "unavailable", "database": "error"}, status=503)
    problem = await records.schema_problem()
    if problem is not None:
        log.warning("health check: database %s", problem)
        return web.json_response(
            {"status": "unavailable", "database": "not migrated", "detail": problem}, status=503
        )
    return web.json_response({"status": "ok"})


def chain(notifiers: Sequence[Notifier | None]) -> Notifier | None:
    """The first surface's notifier, handing whom it cannot reach to the next one's (Teams
    reaches only people who have written to the bot; Slack everyone)."""
    present = [n for n in notifiers if n is not None]
    for first, then in itertools.pairwise(present):
        if isinstance(first, ChainedNotifier):
            first.fallback = then
    return present[0] if present else None


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


def freeze_startup_heap() -> None:
    """Put what start-up built out of the garbage collector's reach, once the server's
    application is built.

    The policy index, the lexicons and the imported modules are hundreds of thousands of
    objects that live as long as the process. Left tracked, every full collection walks
    them all: 80-100 ms with the event loop stopped, which set the Slack acks' p99 in a
    burst (issue 13; `make bench BENCH=slack`). Not for tests, which build many apps in
    one process: what a frozen object holds in a cycle is never collected."""
    gc.collect()
    gc.freeze()


def create_app(
    *,
    services: Services,
    surfaces: Sequence[Surface] = (),
    max_body_bytes: int = MAX_BODY_BYTES,
) -> web.Application:
    """The web application: `/healthz` and every surface's routes."""
    app = web.Application(client_max_size=max_body_bytes, middlewares=[_body_limit(max_body_bytes)])
    app[SERVICES] = services
    app.router.add_get("/healthz", _healthz)
    for surface in surfaces:
        surface.attach(app)
    return app
