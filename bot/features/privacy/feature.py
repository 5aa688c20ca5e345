"""Data rights (export, erase, retention): `/natverk export` and `intbot data`."""

from __future__ import annotations

from bot.features.privacy.texts import CATALOG
from bot.kernel.feature import Feature

FEATURE = Feature(name="privacy", texts=CATALOG)
