"""The Slack surface: `create_slack_app()` builds slack-bolt's `AsyncApp` with the
listeners of `adapters.slack.listeners`, its Web API client pointed at `SLACK_API_URL`
when set; `attach_lifecycle()` / `add_socket_mode()` tie it to the web server's life.
Credentials come only from the settings (the environment) and are never defaulted.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import aiohttp
from aiohttp import web
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.jobs import JobWorker
from adapters.slack.background import Background
from adapters.slack.gate import Refused, authenticate, check_shape
from adapters.slack.listeners import TURN_JOB, Listeners
from adapters.slack.notifier import SlackNotifier
from bot.features.notices.reminders import Notifier
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.turn import Services

log = logging.getLogger(__name__)


class SlackConfigError(ValueError):
    """Slack was asked for but a credential is missing; names the variables."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("Slack needs " + ", ".join(missing) + " in the environment")
        self.missing = missing


def missing_credentials(settings: Settings, *, socket_mode: bool) -> list[str]:
    """The environment variables Slack still needs: HTTP mode verifies requests with the
    signing secret; socket mode connects with the app-level token."""
    needed = {"SLACK_BOT_TOKEN": settings.slack_bot_token}
    if socket_mode:
        needed["SLACK_APP_TOKEN"] = settings.slack_app_token
    else:
        needed["SLACK_SIGNING_SECRET"] = settings.slack_signing_secret
    return [name for name, value in needed.items() if not value]


def slack_requested(settings: Settings, *, socket_mode: bool) -> bool:
    """Slack is on when any of its credentials is set (or socket mode is asked for)."""
    return socket_mode or any(
        (settings.slack_bot_token, settings.slack_signing_secret, settings.slack_app_token)
    )


def api_base_url(settings: Settings) -> str:
    url = settings.slack_api_url or AsyncWebClient.BASE_URL
    return url if url.endswith("/") else url + "/"


class SlackApp(AsyncApp):
    """Bolt's `AsyncApp` plus the worker that runs the turns acknowledged (durable jobs)
    and the pool that delivers what needs no durability (home tabs, confirmations)."""

    background: Background
    worker: JobWorker
    signing_key: str  # for `gate`, which checks before Bolt parses


def create_slack_app(
    *,
    bot: Bot,
    services: Services,
    settings: Settings,
    socket_mode: bool = False,
    background: Background | None = None,
    worker: JobWorker | None = None,
) -> SlackApp:
    """The Bolt app for these settings; raises `SlackConfigError` naming what is missing.
    `SLACK_API_URL` points the Web API client elsewhere (a proxy, a local fake)."""
    missing = missing_credentials(settings, socket_mode=socket_mode)
    if missing:
        raise SlackConfigError(missing)
    client = AsyncWebClient(token=settings.slack_bot_token, base_url=api_base_url(settings))
    app = SlackApp(
        name="intbot",
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        # Every listener acks and hands its slow work to `background` before it returns,
        # so Bolt may answer when the listener returns: this skips Bolt's 10 ms polling
        # for the ack that process_before_response=False costs on every request.
        process_before_response=True,
        logger=logging.getLogger("intbot.slack.bolt"),
    )
    app.background = background or Background()
    app.signing_key = settings.slack_signing_secret or ""
    app.worker = worker or JobWorker(
        services.records, lease=dt.timedelta(seconds=settings.job_lease_s)
    )
    listeners = Listeners(
        bot=bot, services=services, background=app.background, worker=app.worker, client=client
    )
    app.worker.runners[TURN_JOB] = listeners.run_turn
    app.worker.expected = (SlackApiError, aiohttp.ClientError, OSError, TimeoutError)
    listeners.register(app)
    return app


def attach_lifecycle(web_app: web.Application, *, slack: SlackApp) -> None:
    """While `web_app` runs: one pooled HTTP session for every Web API call and
    response_url post (slack_sdk otherwise opens a session, and a connection, per call;
    Bolt hands the app client's session to each request's client). On shutdown the
    queued work finishes before the session closes: the worker finishes the jobs it is
    running and leaves the rest in the table for the next start."""

    async def lifecycle(_: web.Application) -> AsyncIterator[None]:
        slack.client.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        slack.worker.start()
        try:
            yield
        finally:
            await slack.worker.close()
            await slack.background.close()
            session, slack.client.session = slack.client.session, None
            if session is not None:
                await session.close()

    web_app.cleanup_ctx.append(lifecycle)


def add_socket_mode(web_app: web.Application, *, slack: SlackApp, app_token: str) -> None:
    """Connect to Slack over a WebSocket while `web_app` runs (no public URL needed).
    On shutdown the socket closes first, then the queued work finishes."""
    from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

    attach_lifecycle(web_app, slack=slack)
    handler = AsyncSocketModeHandler(slack, app_token=app_token)

    async def connection(_: web.Application) -> AsyncIterator[None]:
        await handler.connect_async()  # type: ignore[no-untyped-call]
        try:
            yield
        finally:
            await handler.close_async()  # type: ignore[no-untyped-call]

    web_app.cleanup_ctx.append(connection)


def slack_route(slack: SlackApp) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """`POST /slack/events`: the signature is checked on the raw bytes (`gate`); only
    then does Bolt parse, and only a body of the shape its dispatch reads is dispatched
    and answered."""
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

    async def handle(request: web.Request) -> web.StreamResponse:
        with slack.worker.acknowledging():  # queued turns wait while acks are open
            return await acknowledge(request)

    async def acknowledge(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        try:
            authenticate(secret=slack.signing_key, body=body, headers=request.headers)
            # Parsed once, by Bolt (it decodes the text strictly: junk is a ValueError).
            bolt_request = await to_bolt_request(request)
            check_shape(bolt_request.body)
            # Bolt reads fields of a signed payload without looking (`team.id`,
            # `event.type`, ...), in its request parsing and its dispatch alike; what our
            # listeners raise never gets here (`Listeners.on_error` answers it).
            bolt_response = await slack.async_dispatch(bolt_request)
        except Refused as refused:
            log.warning("Slack request refused (%d): %s", refused.status, refused.reason)
            return web.Response(status=refused.status)
        except (LookupError, TypeError, AttributeError, ValueError) as error:
            log.warning("Slack payload Bolt cannot read: %s: %s", type(error).__name__, error)
            return web.Response(status=400)
        return await to_aiohttp_response(bolt_response)

    return handle


@dataclass(frozen=True)
class SlackSurface:
    """Slack over HTTP at `/slack/events`, or over a WebSocket with an app token."""

    slack: SlackApp
    app_token: str | None = None  # socket mode

    @property
    def label(self) -> str:
        return f"Slack ({'socket mode' if self.app_token else '/slack/events'})"

    @property
    def notifier(self) -> Notifier:
        return SlackNotifier(client=self.slack.client)

    def attach(self, app: web.Application) -> None:
        if self.app_token:
            add_socket_mode(app, slack=self.slack, app_token=self.app_token)
            return
        app.router.add_post("/slack/events", slack_route(self.slack))
        attach_lifecycle(app, slack=self.slack)
