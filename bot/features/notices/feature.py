"""Reminders, digests and visit notices: no commands; `intbot serve` runs the passes."""

from __future__ import annotations

from bot.features.notices.texts import CATALOG
from bot.kernel.feature import Feature

FEATURE = Feature(name="notices", texts=CATALOG)
