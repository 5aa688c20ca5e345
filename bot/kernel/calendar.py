"""The one place for time: the municipality's wall clock and its tertials.

Every "today" of the bot (a contact's date, "this year" of a report, when a reminder is
due) is the date in `INTBOT_TIMEZONE`, never the server's or UTC's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.kernel.config import Settings

TERTIAL_FIRST_MONTHS = (1, 5, 9)  # T1 January-April, T2 May-August, T3 September-December


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_now(settings: Settings, now: dt.datetime) -> dt.datetime:
    """`now` (an aware instant) on the municipality's wall clock."""
    return now.astimezone(ZoneInfo(settings.timezone))


def local_today(settings: Settings, now: dt.datetime) -> dt.date:
    return local_now(settings, now).date()


@dataclass(frozen=True, order=True)
class Tertial:
    """A third of the year, the network's reporting period."""

    year: int
    number: int  # 1, 2 or 3

    @classmethod
    def of(cls, day: dt.date) -> Tertial:
        return cls(day.year, (day.month - 1) // 4 + 1)

    @property
    def label(self) -> str:
        return f"{self.year}-T{self.number}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, TERTIAL_FIRST_MONTHS[self.number - 1], 1)

    @property
    def end(self) -> dt.date:
        if self.number == 3:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, TERTIAL_FIRST_MONTHS[self.number], 1) - dt.timedelta(days=1)
