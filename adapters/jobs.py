"""The worker that finishes acknowledged work (`Records.enqueue_job`).

A listener commits a job and only then lets the platform have its 200; this worker,
running in every server process, leases jobs from the shared table, runs them and
deletes them. A process that dies holding a lease lets it run out, and any process
takes the job over, so acknowledged work survives a crash; the same process
picks up its own leftovers at the next start. A job runs at least once: what it
stores is keyed by the job's key (see `Inbound.idempotency_key`), so running it again
stores nothing twice.

On shutdown the worker stops claiming, lets the jobs it is running finish (up to a
timeout) and logs how many it finished and how many are left in the table for the
next start: nothing accepted is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from bot.kernel.ports import QueuedJob, Records

log = logging.getLogger(__name__)

Runner = Callable[[dict[str, Any]], Awaitable[None]]

LEASE = dt.timedelta(seconds=60)  # a job not finished in this long is another's to take
POLL_SECONDS = 1.0  # how often an idle worker looks for jobs another process left
MAX_ATTEMPTS = 5  # a job failing this often is logged and dropped, not retried forever
RETRY_DELAY = dt.timedelta(seconds=30)


class JobWorker:
    def __init__(
        self,
        records: Records,
        runners: Mapping[str, Runner] | None = None,
        *,
        workers: int = 8,
        lease: dt.timedelta = LEASE,
        poll_seconds: float = POLL_SECONDS,
        expected: tuple[type[Exception], ...] = (OSError, TimeoutError),
    ) -> None:
        self._records = records
        self.runners: dict[str, Runner] = dict(runners or {})  # by job kind
        self._workers = workers
        self._lease = lease
        self._poll = poll_seconds
        # Failures of the world, not of the code (the platform refused, the network is
        # down): one log line each. Anything else is logged with its stack.
        self.expected = expected
        self._wake = asyncio.Event()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []
        self.finished = 0  # jobs this process completed (for the shutdown log and tests)

    def kick(self) -> None:
        """A job was just enqueued here: an idle worker takes it without waiting for
        the next poll."""
        self._wake.set()

    def start(self) -> None:
        if not self._tasks:
            self._stopping = False
            self._tasks = [asyncio.ensure_future(self._loop()) for _ in range(self._workers)]

    async def _loop(self) -> None:
        while not self._stopping:
            try:
                claimed = await self._records.claim_jobs(lease=self._lease, limit=1)
            except Exception as error:  # the database is away: try again later
                log.warning("could not claim jobs: %s", error)
                claimed = []
            if not claimed:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll)
                continue
            for job in claimed:
                await self._run(job)

    async def _run(self, job: QueuedJob) -> None:
        runner = self.runners.get(job.kind)
        try:
            if runner is None:
                raise LookupError(f"no runner for job kind {job.kind!r}")
            await runner(job.payload)
        except Exception as error:
            give_up = job.attempts >= MAX_ATTEMPTS
            outcome = f"failed {job.attempts} times; dropped" if give_up else "failed; retried"
            if isinstance(error, self.expected):
                log.warning("job %s (%s) %s: %s: %s", job.key, job.kind, outcome,
                            type(error).__name__, error)  # fmt: skip
            else:
                log.exception("job %s (%s) %s", job.key, job.kind, outcome)
            if give_up:
                await self._records.finish_job(job.id)
            else:
                await self._records.retry_job(job.id, delay=RETRY_DELAY)
            return
        await self._records.finish_job(job.id)
        self.finished += 1

    async def close(self, timeout: float = 20.0) -> None:
        """Stop claiming; let running jobs finish (up to `timeout`); log the counts."""
        self._stopping = True
        self._wake.set()
        tasks, self._tasks = self._tasks, []
        if tasks:
            _, late = await asyncio.wait(tasks, timeout=timeout)
            for task in late:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        try:
            left = await self._records.count_jobs()
        except Exception as error:
            log.warning("jobs: %d finished; could not count those left: %s", self.finished, error)
            return
        log.info("jobs: %d finished here, %d left in the table for the next start",
                 self.finished, left)  # fmt: skip
