"""Helpers for the operations tests: a fake clock, a fake notifier, and a small network
written straight through the ORM (independent of the contact-log commands)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from bot.store.db import Database
from bot.store.models import Contact, Department, Representative

UTC = dt.UTC


@dataclass
class FakeClock:
    now: dt.datetime

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


class Crash(BaseException):
    """The process dies (not an ordinary error: nothing catches it)."""


@dataclass(frozen=True)
class Sent:
    where: str  # "dm" or "channel"
    to: str
    text: str
    action: str | None = None


@dataclass
class FakeNotifier:
    """Records what was delivered; can fail (an error) or crash (the process dies)."""

    sent: list[Sent] = field(default_factory=list)
    fail_for: set[str] = field(default_factory=set)
    crash_on_call: int | None = None  # the n-th call (1-based) kills the process
    calls: int = 0

    def _call(self, to: str) -> None:
        self.calls += 1
        if self.crash_on_call == self.calls:
            raise Crash(to)
        if to in self.fail_for:
            raise RuntimeError(f"platform refused {to}")

    async def send_direct(self, *, user: str, text: str, action: str | None) -> None:
        self._call(user)
        self.sent.append(Sent("dm", user, text, action))

    async def post_channel(self, *, channel: str, text: str) -> None:
        self._call(channel)
        self.sent.append(Sent("channel", channel, text))

    def to(self, who: str) -> list[Sent]:
        return [s for s in self.sent if s.to == who]

    @property
    def recipients(self) -> list[str]:
        return [s.to for s in self.sent]


@dataclass(frozen=True, kw_only=True)
class Network:
    departments: dict[str, int]  # name -> id


async def seed_network(db: Database) -> Network:
    """Four departments and their seats, plus entries for 2026-T1:

    Kultur (alice): an entry in T1                     -> reported
    Skola (bob): only a deleted entry in T1             -> missing
    Miljö (carol, dave): an entry in 2025-T3 only       -> missing
    Social (erin's seat removed): an entry in T1        -> reported, nobody to remind
    """
    created = dt.datetime(2026, 1, 5, 9, tzinfo=UTC)
    async with db.session() as s:
        depts = {
            name: Department(name=name, key=name.lower())
            for name in ("Kultur", "Skola", "Miljö", "Social")
        }
        s.add_all(depts.values())
        await s.flush()
        seats = [
            ("alice", "Alice Andersson", "Kultur", None),
            ("bob", "Bob Berg", "Skola", None),
            ("carol", "Carol Carlsson", "Miljö", None),
            ("dave", None, "Miljö", None),
            ("erin", "Erin Ek", "Social", created),
        ]
        for user, name, dept, removed in seats:
            s.add(
                Representative(
                    user_id=user,
                    display_name=name,
                    department_id=depts[dept].id,
                    created_by="coord",
                    created_at=created,
                    deleted_at=removed,
                    deleted_by="coord" if removed else None,
                )
            )
        s.add_all(
            [
                contact(depts["Kultur"].id, "alice", dt.date(2026, 2, 10), kind="twin_town"),
                contact(
                    depts["Skola"].id,
                    "bob",
                    dt.date(2026, 3, 1),
                    deleted_by="bob",
                    deleted_at=created,
                ),
                contact(depts["Miljö"].id, "carol", dt.date(2025, 12, 1), kind="project"),
                contact(depts["Social"].id, "erin", dt.date(2026, 1, 20), kind="meeting"),
            ]
        )
        await s.flush()
        return Network(departments={name: d.id for name, d in depts.items()})


def contact(
    department_id: int,
    user: str,
    date: dt.date,
    *,
    kind: str = "meeting",
    country: str = "DE",
    partner: str = "Stadt Wetzlar",
    city: str | None = "Wetzlar",
    description: str | None = "Skolutbyte åk 8",
    follow_up: str | None = None,
    participants: int | None = 12,
    deleted_by: str | None = None,
    deleted_at: dt.datetime | None = None,
    updated_by: str | None = None,
) -> Contact:
    return Contact(
        date=date,
        partner=partner,
        city=city,
        country=country,
        kind=kind,
        areas=["education"],
        department_id=department_id,
        participants=participants,
        youth=True,
        funding_amount=Decimal("45000.00"),
        funding_currency="SEK",
        funding_source="Erasmus+",
        description=description,
        follow_up=follow_up,
        created_by=user,
        updated_by=updated_by,
        updated_at=dt.datetime(2026, 3, 2, tzinfo=UTC) if updated_by else None,
        deleted_by=deleted_by,
        deleted_at=deleted_at,
    )
