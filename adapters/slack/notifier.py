"""Slack's side of the core's `Notifier`: reminders and digests as direct messages
(with a button that opens the form), visit notices in a channel. Text is escaped like
every reply, so a partner or department name can never notify anyone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.deliver import OPEN_FORM_ACTION
from adapters.slack.render import (
    BUTTON_TEXT_MAX,
    FALLBACK_TEXT_MAX,
    Block,
    escape,
    plain,
    text_sections,
    truncate,
)
from adapters.slack.texts import t
from bot.kernel.messages import Language

# A form id the core names -> the command that opens that form.
FORM_COMMANDS: Final = {"contact": "/kontakt"}


@dataclass(frozen=True, kw_only=True)
class SlackNotifier:
    client: AsyncWebClient
    language: Language = "sv"

    def _blocks(self, text: str, action: str | None) -> list[Block]:
        blocks = text_sections(escape(text), max_blocks=49)
        command = FORM_COMMANDS.get(action or "")
        if command is not None:
            blocks.append(
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "action_id": OPEN_FORM_ACTION,
                            "style": "primary",
                            "text": plain(t("slack.open_form", self.language), BUTTON_TEXT_MAX),
                            "value": command,
                        }
                    ],
                }
            )
        return blocks

    async def send_direct(self, *, user: str, text: str, action: str | None) -> None:
        """A message in the user's DM with the bot (a user id as channel opens it)."""
        await self.client.chat_postMessage(
            channel=user,
            text=truncate(escape(text), FALLBACK_TEXT_MAX),
            blocks=self._blocks(text, action),
            unfurl_links=False,
        )

    async def post_channel(self, *, channel: str, text: str) -> None:
        await self.client.chat_postMessage(
            channel=channel,
            text=truncate(escape(text), FALLBACK_TEXT_MAX),
            blocks=self._blocks(text, None),
            unfurl_links=False,
        )
