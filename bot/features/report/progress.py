"""A stage progress bar for long report runs on the command line (written to stderr).

[######--------------] 2/4 Läser aktiviteterna (0,4 s)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TextIO

from bot.features.report.texts import t
from knowledge.language import Language

WIDTH = 20
STAGES = ("compile", "activities", "render", "write")


def stages_for(fmt: str) -> tuple[str, ...]:
    """HTML needs no activity list; every other format reads it."""
    return tuple(s for s in STAGES if not (fmt == "html" and s == "activities"))


class StageProgress:
    """Call with a stage key as each stage starts; `done()` at the end."""

    def __init__(self, stages: Sequence[str], *, stream: TextIO, lang: Language = "sv") -> None:
        self._stages = list(stages)
        self._stream = stream
        self._lang = lang
        self._started = time.perf_counter()
        self._tty = stream.isatty()

    def _bar(self, done: int) -> str:
        filled = WIDTH * done // max(1, len(self._stages))
        return "#" * filled + "-" * (WIDTH - filled)

    def _elapsed(self) -> str:
        seconds = f"{time.perf_counter() - self._started:.1f}"
        return seconds if self._lang == "en" else seconds.replace(".", ",")

    def __call__(self, stage: str) -> None:
        number = self._stages.index(stage) + 1 if stage in self._stages else 0
        label = t(f"report.stage.{stage}", self._lang)
        count = f"{number}/{len(self._stages)}"
        self._emit(f"[{self._bar(number - 1)}] {count} {label} ({self._elapsed()} s)")

    def done(self, message: str) -> None:
        self._emit(f"[{self._bar(len(self._stages))}] {message} ({self._elapsed()} s)", last=True)

    def _emit(self, line: str, *, last: bool = False) -> None:
        if self._tty:
            end = "\n" if last else ""
            self._stream.write(f"\r\x1b[2K{line}{end}")
        else:
            self._stream.write(line + "\n")
        self._stream.flush()
