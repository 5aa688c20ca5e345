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
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from bot.kernel.ports import QueuedJob, Records

log = logging.getLogger(__name__)

Runner = Callable[[dict[str, Any]], Awaitable[None]]

LEASE = dt.timedelta(seconds=60)  # a job not finished in this long is another's to take
POLL_SECONDS = 1.0  # how often an idle worker looks for jobs another process left
MAX_ATTEMPTS = 5  # a job failing this often is logged and dropped, not retried forever
RETRY_DELAY = dt.timedelta(seconds=30)
MAX_BATCH = 200  # jobs in one group commit
# How long a job queued here may wait for a quiet moment (no request being acknowledged)
# before its turn starts anyway. A turn costs the event loop several times what an ack
# does (retrieval, a few ORM round trips, the delivery), and the acks share that loop:
# run during a burst, turns are what the acks' tail latency waits on. Under load that
# lasts longer than this, turns run beside the acks again, at most this much behind.
ACKS_FIRST_FOR = 5.0  # seconds
QUIET_GAP = 0.05  # seconds without a request open that end a burst


@dataclass(frozen=True, kw_only=True)
class LocalJob:
    """A job this process enqueued leased to itself: run without a claim."""

    id: int
    key: str
    kind: str
    payload: dict[str, Any]
    attempts: int = 1
    queued_at: float = 0.0  # the event loop's clock when it was committed


class JobWorker:
    """Runs jobs: those this process acknowledged (handed over in memory, already
    leased, so the ack costs one transaction and the run one more), and those the
    table holds free (another process died, a failure's retry time came), found by
    polling."""

    def __init__(
        self,
        records: Records,
        runners: Mapping[str, Runner] | None = None,
        *,
        workers: int = 4,
        lease: dt.timedelta = LEASE,
        poll_seconds: float = POLL_SECONDS,
        expected: tuple[type[Exception], ...] = (OSError, TimeoutError),
    ) -> None:
        self._records = records
        self.runners: dict[str, Runner] = dict(runners or {})  # by job kind
        self._workers = workers
        self.lease = lease
        self._poll = poll_seconds
        # Failures of the world, not of the code (the platform refused, the network is
        # down): one log line each. Anything else is logged with its stack.
        self.expected = expected
        self._local: asyncio.Queue[QueuedJob] = asyncio.Queue()
        self._pending: list[tuple[tuple[str, str, dict[str, Any]], asyncio.Future[int | None]]] = []
        self._committer: asyncio.Future[None] | None = None
        self._done: list[tuple[int, asyncio.Future[None]]] = []
        self._finisher: asyncio.Future[None] | None = None
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []
        self._acking = 0  # requests being acknowledged now (see `acknowledging`)
        self._quiet = asyncio.Event()
        self._quiet.set()
        self._last_ack = float("-inf")
        self.acks_first_for = ACKS_FIRST_FOR
        self.finished = 0  # jobs this process completed (for the shutdown log and tests)

    async def enqueue(self, *, key: str, kind: str, payload: dict[str, Any]) -> bool:
        """Commit the job leased to this process, and queue it here; False for a key
        already taken (a retry). Returns once the job is committed: call it before
        acknowledging the platform.

        Group commit: while one transaction is being written, the jobs of other acks
        gather and go in the next one together, so a burst of acks costs a few commits
        rather than one each (SQLite writes one transaction at a time)."""
        done: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._pending.append(((key, kind, payload), done))
        if self._committer is None or self._committer.done():
            self._committer = asyncio.ensure_future(self._commit_pending())
        job_id = await done
        if job_id is None:
            return False
        queued_at = asyncio.get_running_loop().time()
        self._local.put_nowait(
            LocalJob(id=job_id, key=key, kind=kind, payload=payload, queued_at=queued_at)
        )
        return True

    @contextlib.contextmanager
    def acknowledging(self) -> Iterator[None]:
        """Around the handling of a request up to its response (the platform's route):
        while any is open, no queued turn starts, for up to `acks_first_for` seconds
        after it was committed (see `ACKS_FIRST_FOR`)."""
        self._acking += 1
        self._quiet.clear()
        try:
            yield
        finally:
            self._acking -= 1
            if not self._acking:
                self._quiet.set()
                self._last_ack = asyncio.get_running_loop().time()

    async def _commit_pending(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            try:
                ids = await self._records.enqueue_jobs(
                    [item for item, _ in batch], lease=self.lease
                )
            except Exception as error:  # each ack fails (500): the platform retries
                for _, done in batch:
                    if not done.done():
                        done.set_exception(error)
                continue
            for (_, done), job_id in zip(batch, ids, strict=True):
                if not done.done():
                    done.set_result(job_id)

    def start(self) -> None:
        if not self._tasks:
            self._stopping = False
            self._tasks = [asyncio.ensure_future(self._loop()) for _ in range(self._workers)]
            self._tasks.append(asyncio.ensure_future(self._housekeeping()))

    async def _next(self) -> QueuedJob | None:
        """A local job if one is queued, else a free one from the table, else (after
        waiting up to the poll interval for a local one) None."""
        if not self._local.empty():
            return self._local.get_nowait()
        if not self._stopping:
            try:
                claimed = await self._records.claim_jobs(
                    lease=self.lease, limit=1, kinds=tuple(self.runners)
                )
            except Exception as error:  # the database is away: try again later
                log.warning("could not claim jobs: %s", error)
                claimed = []
            if claimed:
                return claimed[0]
        with contextlib.suppress(TimeoutError):
            return await asyncio.wait_for(self._local.get(), self._poll)
        return None

    async def _loop(self) -> None:
        while not self._stopping:
            job = await self._next()
            if job is not None:
                await self._acks_first(job)
                await self._run(job)

    async def _acks_first(self, job: QueuedJob) -> None:
        """Acks come before turns: while requests are being acknowledged (they wait on
        the event loop and on the group commit, and Slack allows 3 s), a worker does not
        start a turn that would take the event loop and the database from them, until
        the job has waited `acks_first_for` seconds. A burst is acknowledged first and
        worked off after, from committed jobs: the ack's durability is unchanged, only
        the order of work in this process is. Without requests open, a turn starts at
        once."""
        loop = asyncio.get_running_loop()
        queued_at = job.queued_at if isinstance(job, LocalJob) else loop.time()
        deadline = queued_at + self.acks_first_for
        while (left := deadline - loop.time()) > 0:
            if not self._quiet.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._quiet.wait(), left)
                continue
            # No request open this instant; a burst's next one may be on its way.
            gap = self._last_ack + QUIET_GAP - loop.time()
            if gap <= 0:
                break
            await asyncio.sleep(min(gap, left))
        while self._committer is not None and not self._committer.done():
            await asyncio.wait([self._committer])

    async def _housekeeping(self) -> None:
        """Now and then, forget job keys past the hour a platform retries in."""
        while not self._stopping:
            try:
                await self._records.forget_job_keys()
            except Exception as error:
                log.warning("could not forget old job keys: %s", error)
            for _ in range(300):  # five minutes, in steps that notice a shutdown
                if self._stopping:
                    return
                await asyncio.sleep(1)

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
            try:
                if give_up:
                    await self._records.finish_job(job.id)
                else:
                    await self._records.retry_job(job.id, delay=RETRY_DELAY)
            except Exception as db_error:  # its lease runs out instead
                log.warning("job %s: could not record the failure: %s", job.key, db_error)
            return
        try:
            await self._finish(job.id)
        except Exception as error:  # its lease runs out and it runs again: at least once
            log.warning("job %s done but not deleted: %s", job.key, error)
            return
        self.finished += 1

    async def _finish(self, job_id: int) -> None:
        """Delete the done job; the deletions of jobs finishing together share one
        transaction (as the acks' inserts do)."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._done.append((job_id, done))
        if self._finisher is None or self._finisher.done():
            self._finisher = asyncio.ensure_future(self._commit_done())
        await done

    async def _commit_done(self) -> None:
        while self._done:
            batch, self._done = self._done[:MAX_BATCH], self._done[MAX_BATCH:]
            try:
                await self._records.finish_jobs([job_id for job_id, _ in batch])
            except Exception as error:  # the job runs again after its lease: at least once
                for _, done in batch:
                    if not done.done():
                        done.set_exception(error)
                continue
            for _, done in batch:
                if not done.done():
                    done.set_result(None)

    async def close(self, timeout: float = 20.0) -> None:
        """Stop taking jobs; let running ones finish (up to `timeout`); give the queued,
        unstarted ones back to the table (free for the next process at once); log the
        counts."""
        self._stopping = True
        tasks, self._tasks = self._tasks, []
        if tasks:
            _, late = await asyncio.wait(tasks, timeout=timeout)
            for task in late:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        unstarted: list[int] = []
        while not self._local.empty():
            unstarted.append(self._local.get_nowait().id)
        try:
            await self._records.release_jobs(unstarted)
        except Exception as error:  # their leases run out instead
            log.warning("could not release %d unstarted jobs: %s", len(unstarted), error)
        try:
            left = await self._records.count_jobs()
        except Exception as error:
            log.warning("jobs: %d finished; could not count those left: %s", self.finished, error)
            return
        log.info("jobs: %d finished here, %d left in the table for the next start",
                 self.finished, left)  # fmt: skip
