"""`/hjalp` (`/help`): what the bot can do."""

from __future__ import annotations

from bot.features.help.texts import CATALOG
from bot.kernel.feature import Command, Feature
from bot.kernel.messages import Reply, Text
from bot.kernel.turn import Turn


async def show_help(turn: Turn) -> list[Reply]:
    # The console has no forms: its help must not promise one.
    key = "help.contact_form" if turn.capabilities.forms else "help.contact_template"
    return [Text(title=turn.t("help.title"), body=turn.t("help.body", contact_line=turn.t(key)))]


FEATURE = Feature(
    name="help",
    texts=CATALOG,
    commands={
        "hjalp": Command(handler=show_help, language="sv"),
        "hjälp": Command(handler=show_help, language="sv"),
        "help": Command(handler=show_help, language="en"),
    },
)
