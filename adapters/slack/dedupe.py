"""Slack retries an event it thinks went unanswered (`X-Slack-Retry-Num`, same
`event_id`). Recording each event id in the database makes the retry an acknowledged
no-op, also when it reaches another server process or a restarted one. Slack retries
after 0 s, 1 min and 5 min; an hour's memory covers that.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from bot.store import events
from bot.store.db import Database

log = logging.getLogger(__name__)

TTL = dt.timedelta(hours=1)


class SeenEvents:
    """`await first_time(event_id)` is True once per id within `ttl`, across processes."""

    def __init__(
        self, db: Database, *, clock: Callable[[], dt.datetime], ttl: dt.timedelta = TTL
    ) -> None:
        self._db = db
        self._clock = clock
        self._ttl = ttl

    async def first_time(self, event_id: str) -> bool:
        try:
            return await events.first_time(
                self._db, platform="slack", event_id=event_id, now=self._clock(), ttl=self._ttl
            )
        except SQLAlchemyError:
            # Better a retry answered twice than an event never answered.
            log.exception("could not record Slack event %s; handling it", event_id)
            return True
