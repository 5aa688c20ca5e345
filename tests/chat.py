"""Conversation helpers: tests read as what a user types and what the bot replies."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.console import render
from bot.kernel.bot import Bot
from bot.kernel.messages import Message, Platform, Reply


@dataclass
class Chat:
    """A console-like conversation with the core: `await chat.say("alice", "/hjalp")`."""

    bot: Bot
    platform: Platform = "console"

    async def replies(self, user: str, text: str) -> list[Reply]:
        return await self.bot.handle(Message(user=user, text=text, platform=self.platform))

    async def say(self, user: str, text: str) -> str:
        """The bot's replies to `text`, rendered as the console shows them."""
        return "\n".join(render(reply) for reply in await self.replies(user, text))
