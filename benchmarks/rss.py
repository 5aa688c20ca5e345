"""Resident memory (RSS) of this process, as the kernel counts it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"/proc/self/status has no {field}")


@dataclass
class Growth:
    bytes: int = 0

    @property
    def mib(self) -> float:
        return self.bytes / 2**20


@contextlib.contextmanager
def peak_growth() -> Iterator[Growth]:
    """How far the process's RSS rose above where it stood on entry, at its highest
    within the block. Linux resets the high-water mark (VmHWM) on writing 5 to
    /proc/self/clear_refs, so an earlier peak (the seeding, say) does not count."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    growth = Growth()
    before = _status("VmRSS")
    yield growth
    growth.bytes = max(0, _status("VmHWM") - before)
