"""Slack retries an event it thinks went unanswered (`X-Slack-Retry-Num`, same
`event_id`). A bounded set of recently seen event ids with a time to live makes the
retry an acknowledged no-op.

One process only: several web processes behind a load balancer each keep their own set,
so a retry that lands on another process is handled again. Slack retries after 0 s,
1 min and 5 min; an hour's memory covers that.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable


class SeenEvents:
    """`first_time(event_id)` is True once per id within `ttl` seconds."""

    def __init__(
        self,
        *,
        ttl: float = 3600.0,
        max_size: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl
        self._max_size = max_size
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def first_time(self, event_id: str) -> bool:
        now = self._clock()
        self._expire(now)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        while len(self._seen) > self._max_size:
            self._seen.popitem(last=False)
        return True

    def _expire(self, now: float) -> None:
        while self._seen:
            oldest, at = next(iter(self._seen.items()))
            if now - at < self._ttl:
                break
            del self._seen[oldest]
