"""Teams on the shared aiohttp server: `POST /api/messages` and `GET /teams/files/{token}`.

Every activity goes through botbuilder's `CloudAdapter` with
`ConfigurationBotFrameworkAuthentication`: the Bot Framework token is verified there,
never here. Without `MicrosoftAppId` the endpoint is off, unless
`INTBOT_TEAMS_ALLOW_ANONYMOUS=1` (local testing, as with the Bot Framework Emulator);
then botbuilder runs with authentication disabled and only activities whose `serviceUrl`
is on this machine are served, so nobody can make the bot post to an address of their
choosing.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

import jwt
from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import Activity
from botframework.connector.auth import (
    AuthenticateRequestResult,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)

from adapters.teams.bot import TeamsBot, text_activity
from adapters.teams.cards import escape_markdown
from adapters.teams.links import DownloadLinks, LinkSigner
from adapters.teams.loopback import is_loopback_target
from adapters.teams.notifier import TeamsNotifier
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.i18n import t
from bot.kernel.turn import Services

log = logging.getLogger(__name__)

MESSAGES_PATH: Final = "/api/messages"
FILES_PATH: Final = "/teams/files/{token}"
# App types botbuilder knows; a managed identity needs no password.
APP_TYPES: Final = {"multitenant", "singletenant", "userassignedmsi"}


class TeamsConfigError(ValueError):
    """Teams is switched on but its settings are incomplete: the server must not start."""


def teams_enabled(settings: Settings) -> bool:
    """Teams is on when an app id is set, or in explicit anonymous (local) mode.

    Raises `TeamsConfigError` when Teams is on but its settings are incomplete, so that
    `intbot serve` refuses to start with the reason instead of failing on a request.
    """
    enabled = bool(settings.microsoft_app_id) or settings.teams_allow_anonymous
    if enabled:
        check_settings(settings)
    return enabled


def check_settings(settings: Settings) -> None:
    """Everything Teams needs is set; else `TeamsConfigError` saying what is missing."""
    bot_framework_config(settings)
    link_settings(settings)


def link_settings(settings: Settings) -> tuple[str, str]:
    """(link secret, public URL) for report download links; both are required."""
    if not settings.link_secret:
        raise TeamsConfigError(
            "Teams is on but INTBOT_LINK_SECRET is not set: it signs report download "
            "links. Set it to a long random value (e.g. `openssl rand -hex 32`)."
        )
    if not settings.public_url:
        raise TeamsConfigError(
            "Teams is on but INTBOT_PUBLIC_URL is not set: report download links need the "
            "server's public address (the host of the Azure Bot's messaging endpoint)."
        )
    return settings.link_secret, settings.public_url


@dataclass(frozen=True)
class BotFrameworkConfig:
    """What `ConfigurationBotFrameworkAuthentication` reads, from our settings."""

    APP_ID: str | None
    APP_PASSWORD: str | None
    APP_TYPE: str
    APP_TENANTID: str | None


def bot_framework_config(settings: Settings) -> BotFrameworkConfig:
    """The credentials as configured; incomplete ones are refused, never filled in."""
    app_id = settings.microsoft_app_id or None
    app_type = settings.microsoft_app_type
    if app_type.lower() not in APP_TYPES:
        raise TeamsConfigError(
            f"MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI, "
            f"not {app_type!r}."
        )
    if app_id is not None:
        if app_type.lower() != "userassignedmsi" and not settings.microsoft_app_password:
            raise TeamsConfigError("MicrosoftAppId is set but MicrosoftAppPassword is not.")
        if app_type.lower() != "multitenant" and not settings.microsoft_app_tenant_id:
            raise TeamsConfigError(f"MicrosoftAppType {app_type} needs MicrosoftAppTenantId.")
    return BotFrameworkConfig(
        APP_ID=app_id,
        APP_PASSWORD=settings.microsoft_app_password if app_id else None,
        APP_TYPE=app_type,
        APP_TENANTID=settings.microsoft_app_tenant_id if app_id else None,
    )


class GuardedAuthentication(BotFrameworkAuthentication):  # type: ignore[misc]
    """botbuilder's own authentication, refusing what it would let through as an error.

    - A malformed token makes botbuilder raise PyJWT's `DecodeError` (a 500); it is a
      refusal, so it becomes the `PermissionError` that `CloudAdapter` answers with 401.
    - In anonymous mode (`loopback_only`), an activity whose `serviceUrl` is not on
      loopback is refused the same way, before a connector is created or the bot runs.
    """

    def __init__(self, inner: BotFrameworkAuthentication, *, loopback_only: bool) -> None:
        self._inner = inner
        self._loopback_only = loopback_only

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        if self._loopback_only and not await is_loopback_target(activity.service_url):
            log.warning(
                "anonymous Teams endpoint: refused an activity for serviceUrl %r",
                activity.service_url,
            )
            raise PermissionError("anonymous mode serves loopback serviceUrls only")
        try:
            return await self._inner.authenticate_request(activity, auth_header)
        except jwt.PyJWTError as error:
            raise PermissionError("malformed Bot Framework token") from error
        except PermissionError:
            raise
        except Exception as error:
            # The OpenID metadata or signing keys could not be fetched (network, bad JSON):
            # the token is unverified, so the request is refused, with one line.
            log.warning("Bot Framework token not verified: %s: %s", type(error).__name__, error)
            raise PermissionError("Bot Framework token could not be verified") from error

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        if self._loopback_only:
            raise PermissionError("anonymous mode does not serve streaming connections")
        try:
            return await self._inner.authenticate_streaming_request(auth_header, channel_id_header)
        except jwt.PyJWTError as error:
            raise PermissionError("malformed Bot Framework token") from error

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return self._inner.create_connector_factory(claims_identity)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        return await self._inner.create_user_token_client(claims_identity)

    def get_originating_audience(self) -> str:
        return str(self._inner.get_originating_audience())

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        if self._loopback_only:
            raise PermissionError("anonymous mode does not authenticate channel requests")
        try:
            return await self._inner.authenticate_channel_request(auth_header)
        except jwt.PyJWTError as error:
            raise PermissionError("malformed Bot Framework token") from error


def create_authentication(settings: Settings) -> BotFrameworkAuthentication:
    inner = ConfigurationBotFrameworkAuthentication(bot_framework_config(settings))
    if settings.microsoft_app_id:
        if settings.teams_allow_anonymous:
            log.warning("MicrosoftAppId is set: INTBOT_TEAMS_ALLOW_ANONYMOUS is ignored")
        return GuardedAuthentication(inner, loopback_only=False)
    log.warning("Teams runs WITHOUT authentication (INTBOT_TEAMS_ALLOW_ANONYMOUS=1): local only")
    if settings.teams_anonymous_roles:
        # A warning, loud in its words: CRITICAL is kept for the server failing.
        log.warning(
            "!!! DEVELOPMENT SETTING INTBOT_TEAMS_ANONYMOUS_ROLES=1: unverified Teams activities "
            "keep the roles of the ids they claim (coordinator included). Never in production."
        )
    return GuardedAuthentication(inner, loopback_only=True)


def create_adapter(settings: Settings) -> CloudAdapter:
    adapter = CloudAdapter(create_authentication(settings))

    async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        # The core has its own boundary; this catches the adapter's own failures.
        log.error("Teams turn failed", exc_info=error)
        try:
            text = escape_markdown(t("error.internal", "sv"))
            await turn_context.send_activity(text_activity(text))
        except Exception:
            log.exception("could not tell the user that the turn failed")

    adapter.on_turn_error = on_turn_error
    return adapter


def create_links(settings: Settings, services: Services) -> DownloadLinks:
    secret, public_url = link_settings(settings)
    return DownloadLinks(
        signer=LinkSigner(secret=secret.encode("utf-8")),
        records=services.records,
        base_url=public_url,
        clock=services.clock,
    )


_ID: Final = re.compile(r"[\x21-\x7e]{1,512}")


def activity_problem(body: bytes) -> str | None:
    """Why botbuilder could not take `body` as an activity (it would fail with a 500 and
    a stack trace), or None. Checked before authentication reads it, so every refusal
    is a 4xx with one log line."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "the body is not JSON"
    if not isinstance(data, dict):
        return "the body is not a JSON object"
    if not isinstance(data.get("type"), str):
        return "the activity has no type"
    for name in ("from", "conversation", "recipient"):
        part = data.get(name)
        if part is not None and not isinstance(part, dict):
            return f"the activity's {name} is not an object"
    for name in ("from", "conversation"):
        part = data.get(name)
        if not isinstance(part, dict) or not isinstance(part.get("id"), str) or not part["id"]:
            return f"the activity has no {name}.id"
    # Ids travel back in URLs and headers of the replies: Bot Framework ids are printable
    # ASCII ("29:1abc", "19:x@thread.tacv2"); a control character would fail the reply.
    for name in ("from", "conversation", "recipient"):
        part = data.get(name)
        if isinstance(part, dict) and not _ID.fullmatch(str(part.get("id", "x"))):
            return f"the activity's {name}.id is not a Bot Framework id"
    if data.get("id") is not None and not _ID.fullmatch(str(data["id"])):
        return "the activity's id is not a Bot Framework id"
    for name in ("entities", "membersAdded", "membersRemoved"):
        items = data.get(name)
        if items is not None and not (
            isinstance(items, list) and all(isinstance(item, dict) for item in items)
        ):
            return f"the activity's {name} is not a list of objects"
    if not all(isinstance(e.get("type"), str) for e in data.get("entities") or []):
        return "an entity of the activity has no type"
    if not isinstance(data.get("serviceUrl"), str):
        return "the activity has no serviceUrl"
    for name in ("text", "id", "channelId"):
        if data.get(name) is not None and not isinstance(data[name], str):
            return f"the activity's {name} is not a string"
    try:  # botbuilder's own reading of it, which raises a 500 on any field of a wrong type
        Activity().deserialize(data)
    except Exception as error:
        return f"the activity does not deserialize: {type(error).__name__}"
    return None


def _content_disposition(filename: str) -> str:
    fallback = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


class TeamsSurface:
    """Teams at `POST /api/messages`, and report downloads at `GET /teams/files/{token}`.

    Raises `TeamsConfigError` when Teams' settings are incomplete."""

    label = "Teams (/api/messages)"

    def __init__(self, *, bot: Bot, services: Services) -> None:
        settings = services.settings
        check_settings(settings)
        self.links = create_links(settings, services)
        self.adapter = create_adapter(settings)
        self.notifier = TeamsNotifier(
            adapter=self.adapter, records=services.records, app_id=settings.microsoft_app_id
        )
        self.handler = TeamsBot(
            core=bot,
            links=self.links,
            remember=self.notifier.remember,
            verified=bool(settings.microsoft_app_id) or settings.teams_anonymous_roles,
            records=services.records,
        )

    def attach(self, app: web.Application) -> None:
        adapter, handler, links = self.adapter, self.handler, self.links

        async def messages(request: web.Request) -> web.StreamResponse:
            # botbuilder answers a missing content type or a body that is not JSON with a
            # 500 and a stack trace; they are the client's error.
            if request.content_type != "application/json":
                raise web.HTTPUnsupportedMediaType(text="expected application/json")
            problem = activity_problem(await request.read())
            if problem is not None:
                log.warning("Teams activity refused: %s", problem)
                raise web.HTTPBadRequest(text=problem)
            try:
                response: web.StreamResponse = await adapter.process(request, handler)
            except json.JSONDecodeError as error:
                raise web.HTTPBadRequest(text="the body is not JSON") from error
            return response

        async def download(request: web.Request) -> web.StreamResponse:
            token = request.match_info["token"]
            if not links.valid(token):
                raise web.HTTPForbidden(text="This link is invalid or has expired.")
            document = await links.resolve(token)
            if document is None:
                raise web.HTTPNotFound(text="This document is no longer kept; ask the bot again.")
            return web.Response(
                body=document.content,
                headers={
                    "Content-Type": document.media_type,
                    "Content-Disposition": _content_disposition(document.filename),
                    "Cache-Control": "no-store",
                    "X-Content-Type-Options": "nosniff",
                },
            )

        app.router.add_post(MESSAGES_PATH, messages)
        app.router.add_get(FILES_PATH, download)
