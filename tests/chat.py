"""Conversation helpers: tests read as what a user types and what the bot replies."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.console import render
from adapters.slack.listeners import CAPABILITIES as SLACK
from adapters.teams.bot import CAPABILITIES as TEAMS
from bot.kernel.bot import Bot
from bot.kernel.messages import Capabilities, Message, Reply

# What each surface can do, as its adapter says it (the core decides by these).
SURFACES = {"console": Capabilities(), "slack": SLACK, "teams": TEAMS}


@dataclass
class Chat:
    """A console-like conversation with the core: `await chat.say("alice", "/hjalp")`."""

    bot: Bot
    platform: str = "console"

    async def replies(self, user: str, text: str) -> list[Reply]:
        message = Message(
            user=user, text=text, platform=self.platform, capabilities=SURFACES[self.platform]
        )
        return await self.bot.handle(message)

    async def say(self, user: str, text: str) -> str:
        """The bot's replies to `text`, rendered as the console shows them."""
        return "\n".join(render(reply) for reply in await self.replies(user, text))
