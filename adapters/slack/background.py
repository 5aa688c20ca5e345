"""Work after an ack that needs no durability: the delivery of replies to turns already
committed (a modal's confirmation) and the home tab. Turns themselves are durable jobs
(`adapters.jobs`).

A few workers take jobs in arrival order, so under a burst the event loop keeps serving
new requests (and their acks) instead of splitting itself among hundreds of turns at
once; the backlog waits in the queue. Slack accepts answers on a response_url for 30
minutes, so a queued answer is late, never lost. A job's failure is logged with its
stack and does not stop the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]


class Background:
    def __init__(self, *, workers: int = 8, max_backlog: int = 10_000) -> None:
        self._workers = workers
        self._max_backlog = max_backlog
        self._queue: asyncio.Queue[Job] | None = None
        self._tasks: set[asyncio.Task[None]] = set()  # the workers
        self._extra: set[asyncio.Task[None]] = set()  # jobs beyond the backlog limit

    @property
    def backlog(self) -> int:
        return self._queue.qsize() if self._queue is not None else 0

    def submit(self, job: Job) -> None:
        """Queue `job` (call from the event loop). Beyond the backlog limit the job runs
        at once as its own task rather than being dropped."""
        if self._queue is None:
            self._queue = asyncio.Queue()
        if self._queue.qsize() >= self._max_backlog:
            self._spawn(self._run(job), into=self._extra)
            return
        self._queue.put_nowait(job)
        while len(self._tasks) < self._workers:
            self._spawn(self._work(self._queue), into=self._tasks)

    @staticmethod
    def _spawn(coro: Awaitable[None], *, into: set[asyncio.Task[None]]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        into.add(task)
        task.add_done_callback(into.discard)

    async def _work(self, queue: asyncio.Queue[Job]) -> None:
        while True:
            job = await queue.get()
            try:
                await self._run(job)
            finally:
                queue.task_done()

    @staticmethod
    async def _run(job: Job) -> None:
        try:
            await job()
        except Exception:
            log.exception("work after the ack failed")

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait (up to `timeout` seconds) until every queued job has run."""
        if self._queue is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._queue.join(), timeout)

    async def close(self, timeout: float = 10.0) -> None:
        """Finish the queued jobs (up to `timeout`), then stop the workers, and log what
        could not finish. Only deliveries of work already committed come here (durable
        work is a job: `adapters.jobs`), so what is cut short is a late answer."""
        queued = self.backlog + len(self._extra)
        await self.drain(timeout)
        if self._extra:
            await asyncio.wait(list(self._extra), timeout=timeout)
        left = self.backlog + len(self._extra)
        if queued or left:
            log.info("deliveries after the ack: %d queued at shutdown, %d cut short", queued, left)
        tasks = [*self._tasks, *self._extra]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
