"""The four settings `intbot ask` reads, without pydantic-settings.

Importing pydantic-settings costs about half of `intbot ask`'s start-up, and answering a
policy question needs no database, no credentials and no validation beyond these. The
names and defaults are `Settings`' own (`bot/kernel/config.py`); a test holds the two
together.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

LogFormat = Literal["text", "json"]


class SettingsError(ValueError):
    """A setting in the environment that cannot be used; the message names it."""


PREFIX = "INTBOT_"


@dataclass(frozen=True)
class QuestionSettings:
    texts_dir: Path | None = None
    municipality: str | None = None
    log_level: str = "INFO"
    log_format: LogFormat = "text"


def load_question_settings(environ: Mapping[str, str] | None = None) -> QuestionSettings:
    """Read the settings from the environment as `Settings` would (names are matched
    without regard to case, as pydantic-settings does). Raises `SettingsError` on a log
    format that is neither text nor json."""
    env = {
        key.upper(): value for key, value in (os.environ if environ is None else environ).items()
    }
    texts_dir = env.get(PREFIX + "TEXTS_DIR")
    log_format = env.get(PREFIX + "LOG_FORMAT", "text")
    if log_format not in ("text", "json"):
        raise SettingsError(f"INTBOT_LOG_FORMAT must be text or json, not {log_format!r}")
    return QuestionSettings(
        texts_dir=Path(texts_dir) if texts_dir else None,
        municipality=env.get(PREFIX + "MUNICIPALITY") or None,
        log_level=env.get(PREFIX + "LOG_LEVEL", "INFO"),
        log_format=cast(LogFormat, log_format),
    )
