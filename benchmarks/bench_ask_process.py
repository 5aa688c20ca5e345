"""`intbot ask "…"` as a whole process, in both output modes (issue 12: under 0.3 s).

Each run starts a fresh process that reads the settings, builds the index from the
bundled texts, answers one question and exits. Beside it, the same interpreter starting
with nothing to do, and importing numpy (which the index needs), so the figures say what
is ours. Commands are interleaved run by run; wall time and the child's CPU time (user +
system, which a busy machine inflates less) are given as min and median of RUNS.

Figures are printed, never asserted.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 3
QUESTION = "Vem ansvarar för vänorter i Falun?"
INTBOT = str(Path(sys.executable).with_name("intbot"))
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import numpy'": [sys.executable, "-c", "import numpy"],
    "intbot ask": [INTBOT, "ask", QUESTION],
    "intbot ask --json": [INTBOT, "ask", "--json", QUESTION],
}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _once(command: list[str]) -> tuple[float, float]:
    cpu, started = _cpu(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, _cpu() - cpu


def main() -> None:
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():  # warm the file cache and the bytecode
        _once(command)
    for _ in range(RUNS):
        for name, command in COMMANDS.items():
            times[name].append(_once(command))
    print(f"one question, a fresh process each run (min / median of {RUNS}, interleaved)")
    print(f"  {'command':<28} {'wall s':>15} {'cpu s':>15}")
    for name, runs in times.items():
        wall = [w for w, _ in runs]
        cpu = [c for _, c in runs]
        print(
            f"  {name:<28} {min(wall):6.3f} / {statistics.median(wall):6.3f}"
            f" {min(cpu):6.3f} / {statistics.median(cpu):6.3f}"
        )


if __name__ == "__main__":
    main()
