"""Reminders, coordinator digests and visit notices, each sent at most once.

A *pass* (`run_due`) works out what is due at `now` and sends it through a `Notifier`,
the port the Slack and Teams adapters implement:

- **Reminders.** From `reminder_days_before` days before a tertial closes (T1 Jan-Apr,
  T2 May-Aug, T3 Sep-Dec) to its last day, every active representative of a department
  with no entry dated in the tertial gets a direct message with an action that opens the
  contact form (`action="contact"`, the form id).
- **Digest.** In the same window each coordinator gets who has and has not reported.
- **Visit notices.** Contacts of a visit kind (incoming delegation, twin-town visit)
  dated from today to `visit_notice_days` ahead are posted to `visit_notice_channel`.
  The key holds the date, so a rescheduled visit is announced again.
- **Retention.** With `retention_years` set, free-text personal data of old contacts is
  purged once a day (bot/data_rights.py).

Nothing goes out before `reminder_hour` local time (`timezone`).

**Once only.** Every notice has a unique ledger key (`sent_notifications.key`, e.g.
`reminder:2026-T1:dept:7:rep:12`, `digest:2026-T1:U1`, `visit:contact:42:2026-05-03`).
The key is *claimed* (inserted, committed) before sending and marked `sent_at` after. A
key that is already there is never sent again, whoever claimed it: this is at-most-once,
chosen because a missed reminder costs less than a duplicate one and a send that timed
out may well have arrived. A claim left unsent (the process stopped, or the send failed)
is not retried: failures are logged at once, and a claim still unconfirmed after
`STALE_AFTER` is logged as a warning and marked in its `error` column, once.

On PostgreSQL a pass also takes a transaction-level advisory lock
(`pg_try_advisory_xact_lock`, per schema) and a process that does not get it skips the
pass, so with several server processes exactly one works at a time. The ledger is what
guarantees once-only; the lock only saves the others the work.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from bot.features.contacts.vocabulary import country_name
from bot.features.notices.texts import t
from bot.features.privacy.data_rights import purge_expired
from bot.kernel.calendar import Tertial, local_now
from bot.kernel.logging_setup import new_request_id, request_id
from bot.store import ledger, notice_queries
from bot.store.db import Database
from knowledge.language import Language

if TYPE_CHECKING:
    from bot.kernel.turn import Services

log = logging.getLogger(__name__)

# Contact kinds that are visits (keys of the contact log's vocabulary).
VISIT_KINDS: frozenset[str] = frozenset({"delegation", "twin_town"})
# The action a reminder carries: the id of the form the adapter opens (the contact form).
LOG_CONTACT_ACTION = "contact"
# A claim not confirmed sent after this long is reported (never resent).
STALE_AFTER = dt.timedelta(minutes=10)
LANGUAGE: Language = "sv"  # notices go out in the network's language

NoticeKind = Literal["reminder", "digest", "visit"]


class Notifier(Protocol):
    """What a platform adapter implements so the core can reach people unprompted.

    `text` is plain text holding user input (department and partner names): the adapter
    escapes it for its markup, as it does every reply, so it can never notify a channel.
    An exception from either method marks that one notice failed (logged, not retried).
    """

    async def send_direct(self, *, user: str, text: str, action: str | None) -> None:
        """A direct message to `user`; `action`, when set, is a form id (e.g. "contact")
        the adapter offers as a button or card action next to the text."""

    async def post_channel(self, *, channel: str, text: str) -> None:
        """A message to a channel (Slack channel id, Teams conversation id)."""


@dataclass(frozen=True, kw_only=True)
class Notice:
    """One message to send once: to a user (direct) or to a channel."""

    key: str
    kind: NoticeKind
    recipient: str  # user id, or channel id for visits
    text: str
    action: str | None = None

    @property
    def to_channel(self) -> bool:
        return self.kind == "visit"


@dataclass(kw_only=True)
class PassResult:
    ran: bool = True  # False: another process held the lock
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    already_claimed: list[str] = field(default_factory=list)
    abandoned: list[str] = field(default_factory=list)  # stale claims reported this pass
    purged: int = 0


# --- planning ------------------------------------------------------------------------


def reminder_window(tertial: Tertial, *, days_before: int) -> tuple[dt.date, dt.date]:
    return tertial.end - dt.timedelta(days=days_before), tertial.end


async def plan(services: Services, *, now: dt.datetime) -> list[Notice]:
    """Everything due at `now`, claimed or not (reminders first, then digests, visits)."""
    settings = services.settings
    local = local_now(services.settings, now)
    if local.hour < settings.reminder_hour:
        return []
    today = local.date()
    tertial = Tertial.of(today)
    opens, closes = reminder_window(tertial, days_before=settings.reminder_days_before)
    notices: list[Notice] = []
    if opens <= today <= closes:
        notices += await _reminders_and_digests(services, tertial)
    if settings.visit_notice_channel:
        notices += await _visits(
            services.db,
            channel=settings.visit_notice_channel,
            first=today,
            last=today + dt.timedelta(days=settings.visit_notice_days),
        )
    return notices


async def _reminders_and_digests(services: Services, tertial: Tertial) -> list[Notice]:
    standing = await notice_queries.tertial_standing(
        services.db, start=tertial.start, end=tertial.end
    )
    reported, seats, names = standing.reported, standing.seats, standing.names
    seated = {seat.department_id for seat in seats}
    values = {
        "period": tertial.label,
        "start": tertial.start.isoformat(),
        "end": tertial.end.isoformat(),
    }
    notices = [
        Notice(
            key=f"reminder:{tertial.label}:dept:{dept}:rep:{seat_id}",
            kind="reminder",
            recipient=user,
            text=t("reminder.due", LANGUAGE, department=names[dept], **values),
            action=LOG_CONTACT_ACTION,
        )
        for seat_id, user, dept in ((s.id, s.user_id, s.department_id) for s in seats)
        if dept not in reported
    ]
    done = sorted((names[d] for d in reported if d in names), key=str.casefold)
    missing = sorted((names[d] for d in seated - reported), key=str.casefold)
    digest = "\n".join(
        [
            t("digest.title", LANGUAGE, **values),
            t("digest.reported", LANGUAGE, count=len(done), names=_names(done)),
            t("digest.missing", LANGUAGE, count=len(missing), names=_names(missing)),
            *([t("digest.reminded", LANGUAGE)] if missing else []),
        ]
    )
    notices += [
        Notice(key=f"digest:{tertial.label}:{user}", kind="digest", recipient=user, text=digest)
        for user in sorted(services.settings.coordinators)
    ]
    return notices


def _names(names: Sequence[str]) -> str:
    return ", ".join(names) if names else t("digest.none", LANGUAGE)


async def _visits(db: Database, *, channel: str, first: dt.date, last: dt.date) -> list[Notice]:
    visits = await notice_queries.visits(db, kinds=VISIT_KINDS, first=first, last=last)
    return [
        Notice(
            key=f"visit:contact:{visit.id}:{visit.date.isoformat()}",
            kind="visit",
            recipient=channel,
            text=t(
                "visit.notice",
                LANGUAGE,
                date=visit.date.isoformat(),
                kind=t(f"visit.kind.{visit.kind}", LANGUAGE),
                partner=visit.partner,
                place=", ".join(
                    p for p in (visit.city, country_name(visit.country, LANGUAGE)) if p
                ),
                department=visit.department,
            ),
        )
        for visit in visits
    ]


# --- a pass --------------------------------------------------------------------------


async def run_due(services: Services, notifier: Notifier, *, now: dt.datetime) -> PassResult:
    """Send what is due at `now` that nobody has claimed yet; see the module notes."""
    now = now.astimezone(dt.UTC)  # the ledger stores UTC (SQLite keeps no offset)
    db = services.db
    async with ledger.pass_lock(db) as held:
        if not held:
            log.debug("notification pass skipped: another process holds the lock")
            return PassResult(ran=False)
        result = PassResult(
            abandoned=await ledger.report_stale(db, now=now, stale_after=STALE_AFTER)
        )
        notices = await plan(services, now=now)
        before = await ledger.claimed(db, [n.key for n in notices])
        owner = ledger.process_name()
        for notice in notices:
            if notice.key in before or not await ledger.claim(
                db,
                key=notice.key,
                kind=notice.kind,
                recipient=notice.recipient,
                now=now,
                owner=owner,
            ):
                result.already_claimed.append(notice.key)
                continue
            try:
                await _deliver(notifier, notice)
            except Exception as error:  # the next notice still goes; this one is not retried
                log.exception("notice %s failed; not retrying", notice.key)
                detail = f"{type(error).__name__}: {error}"[:500]
                await ledger.mark(db, notice.key, sent_at=None, error=detail)
                result.failed.append(notice.key)
                continue
            await ledger.mark(db, notice.key, sent_at=services.clock(), error=None)
            result.sent.append(notice.key)
        result.purged = await _daily_purge(services, now=now, owner=owner)
    if result.sent or result.failed:
        log.info(
            "notification pass: %d sent, %d failed, %d already claimed",
            len(result.sent),
            len(result.failed),
            len(result.already_claimed),
        )
    return result


async def _deliver(notifier: Notifier, notice: Notice) -> None:
    if notice.to_channel:
        await notifier.post_channel(channel=notice.recipient, text=notice.text)
    else:
        await notifier.send_direct(user=notice.recipient, text=notice.text, action=notice.action)


async def _daily_purge(services: Services, *, now: dt.datetime, owner: str) -> int:
    """The retention purge, at most once a day across processes (a ledger key too)."""
    years = services.settings.retention_years
    if years is None:
        return 0
    day = local_now(services.settings, now).date().isoformat()
    key = f"purge:{day}"
    if not await ledger.claim(
        services.db, key=key, kind="purge", recipient="-", now=now, owner=owner
    ):
        return 0
    purge = await purge_expired(services.db, years=years, now=now)
    await ledger.mark(services.db, key, sent_at=services.clock(), error=None)
    if purge.changed:
        log.info(
            "retention: cleared free text of %d contacts dated before %s",
            len(purge.contact_ids),
            purge.cutoff.isoformat(),
        )
    return len(purge.contact_ids)


async def reminder_loop(
    services: Services, notifier: Notifier, *, interval_s: float, stop: asyncio.Event
) -> None:
    """Run a pass every `interval_s` seconds until `stop` is set. A pass in progress
    finishes before the loop returns (graceful shutdown); a failed pass is logged and the
    next one runs on time."""
    while not stop.is_set():
        with request_id(f"notices-{new_request_id()}", inherit=False):
            try:
                await run_due(services, notifier, now=services.clock())
            except Exception:
                log.exception("notification pass failed")
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
