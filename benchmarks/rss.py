"""Resident memory (RSS) of a process, as the kernel counts it (Linux's /proc)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass


def status_bytes(field: str, pid: int | str = "self") -> int:
    """A memory line of /proc/PID/status (`VmRSS`, `VmHWM`: the high-water mark) in
    bytes; 0 for a process that has ended."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        return 0
    raise RuntimeError(f"/proc/{pid}/status has no {field}")


@dataclass
class Growth:
    bytes: int = 0  # how far RSS rose above where it stood on entry, at its highest
    peak: int = 0  # the process's RSS at its highest within the block

    @property
    def mib(self) -> float:
        return self.bytes / 2**20


@contextlib.contextmanager
def peak_growth() -> Iterator[Growth]:
    """This process's RSS at its highest within the block, exactly (no sampling): Linux
    resets the high-water mark (VmHWM) on writing 5 to /proc/self/clear_refs, so an
    earlier peak (the seeding, say) does not count."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    growth = Growth()
    before = status_bytes("VmRSS")
    yield growth
    growth.peak = status_bytes("VmHWM")
    growth.bytes = max(0, growth.peak - before)
