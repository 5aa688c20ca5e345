"""Questions about the network's own contact log ("Hur många kontakter hade vi med
Finland i år?"), answered from the database. No command of its own: the questions
feature asks `answer.answer` first for every plain question and `/fråga`."""

from __future__ import annotations

from bot.features.log_questions.texts import CATALOG
from bot.kernel.feature import Feature

FEATURE = Feature(name="log_questions", texts=CATALOG)
