"""The bot's features, each a folder with its handlers, its texts and its `FEATURE`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing a feature's light modules must not load the store
    from bot.kernel.feature import Feature


def all_features() -> list[Feature]:
    """Every feature of the bot, in the order their commands are listed."""
    from bot.features.contacts.handlers import FEATURE as contacts
    from bot.features.help.feature import FEATURE as help_
    from bot.features.home.feature import FEATURE as home
    from bot.features.log_questions.feature import FEATURE as log_questions
    from bot.features.network.handlers import FEATURE as network
    from bot.features.notices.feature import FEATURE as notices
    from bot.features.privacy.feature import FEATURE as privacy
    from bot.features.questions.answers import FEATURE as questions
    from bot.features.report.command import FEATURE as report

    return [questions, log_questions, contacts, report, network, home, notices, privacy, help_]
