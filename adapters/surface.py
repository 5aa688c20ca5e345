"""A surface is one platform the bot is served on (Slack, Teams): what it adds to the web
server, and how the bot reaches people there unprompted."""

from __future__ import annotations

from typing import Protocol

from aiohttp import web

from bot.features.notices.reminders import Notifier


class Surface(Protocol):
    @property
    def label(self) -> str:
        """What the server log says it serves, e.g. `Teams (/api/messages)`."""

    @property
    def notifier(self) -> Notifier | None:
        """How reminders and notices reach people here; None: they cannot."""

    def attach(self, app: web.Application) -> None:
        """Add the surface's routes and its life cycle (connections, queued work)."""
