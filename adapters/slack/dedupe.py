"""Slack retries an event it thinks went unanswered (`X-Slack-Retry-Num`, same
`event_id`). Recording each event id in the database makes the retry an acknowledged
no-op, also when it reaches another server process or a restarted one. Slack retries
after 0 s, 1 min and 5 min; an hour's memory covers that.
"""

from __future__ import annotations

import datetime as dt
import logging

from bot.kernel.ports import Records

log = logging.getLogger(__name__)

TTL = dt.timedelta(hours=1)


class SeenEvents:
    """`await first_time(event_id)` is True once per id within `ttl`, across processes."""

    def __init__(self, records: Records, *, ttl: dt.timedelta = TTL) -> None:
        self._records = records
        self._ttl = ttl

    async def first_time(self, event_id: str) -> bool:
        try:
            return await self._records.first_time(
                platform="slack", event_id=event_id, ttl=self._ttl
            )
        except Exception:
            # Better a retry answered twice than an event never answered.
            log.exception("could not record Slack event %s; handling it", event_id)
            return True
