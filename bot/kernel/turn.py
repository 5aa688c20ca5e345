"""What a handler gets: the turn (who, what, in which language) and the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.kernel import calendar
from bot.kernel.config import Settings
from bot.kernel.i18n import Catalog
from bot.kernel.messages import Capabilities, Event, Language
from bot.kernel.ports import Records
from bot.store.db import Database
from bot.store.records import DatabaseRecords
from knowledge.index import PolicyIndex


@dataclass(frozen=True, kw_only=True)
class Services:
    """What handlers may use; built once by the composition root (adapters/cli.py)."""

    settings: Settings
    index: PolicyIndex
    db: Database
    clock: Callable[[], dt.datetime] = field(default=calendar.utc_now)  # a fake in tests

    @property
    def records(self) -> Records:
        """What surfaces keep in the database (jobs, download links, references)."""
        return DatabaseRecords(self.db, self.clock)

    def local_now(self) -> dt.datetime:
        """Now on the municipality's wall clock (`INTBOT_TIMEZONE`)."""
        return calendar.local_now(self.settings, self.clock())

    def today(self) -> dt.date:
        """Today's date where the municipality is, not where the server is."""
        return self.local_now().date()


@dataclass(frozen=True, kw_only=True)
class Turn:
    """One event being handled, with what handlers need to answer it."""

    event: Event
    language: Language
    services: Services
    catalog: Catalog
    args: str = ""  # the text after the command word (a plain question: the whole text)

    @property
    def user(self) -> str:
        return self.event.user

    @property
    def capabilities(self) -> Capabilities:
        return self.event.capabilities

    @property
    def is_coordinator(self) -> bool:
        return self.services.settings.is_coordinator(self.event.user)

    def t(self, key: str, /, **values: object) -> str:
        return self.catalog.t(key, self.language, **values)
