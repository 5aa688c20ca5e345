"""Teams' side of `bot.features.notices.reminders.Notifier`: proactive messages.

Teams lets a bot write unprompted only into a conversation it has seen: every incoming
activity's conversation reference is kept (`remember`), per user for personal chats and
per conversation for channels. A reminder goes to the user's personal chat with a
button that brings the contact form; a visit notice goes to the configured channel.
Someone the bot has never talked to in Teams is handed to `fallback` (Slack, when both
surfaces are on), or the notice fails with the reason, logged by the reminder pass.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Final

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ConversationReference

from adapters.teams import cards
from adapters.teams.bot import render_activity, user_id
from bot.features.notices.reminders import LOG_CONTACT_ACTION, Notifier
from bot.kernel.messages import Language
from bot.kernel.ports import Records

log = logging.getLogger(__name__)

PLATFORM: Final = "teams"
# A form id the core names -> the text command that sends that form.
FORM_COMMANDS: Final = {LOG_CONTACT_ACTION: "kontakt"}
PERSONAL: Final = frozenset({None, "personal"})
THREAD_MARK: Final = ";messageid="


class NotReachable(LookupError):
    """No conversation with this user or channel is known in Teams."""


@dataclass(kw_only=True)
class TeamsNotifier:
    adapter: CloudAdapter
    records: Records
    app_id: str | None = None
    fallback: Notifier | None = None
    language: Language = "sv"
    _seen: dict[str, dict[str, Any]] = field(default_factory=dict)  # saved, by key

    async def remember(self, activity: Activity) -> None:
        """Keep where `activity` came from, so the bot can write there later. Failures
        are logged and never stop the turn."""
        try:
            reference = TurnContext.get_conversation_reference(activity).serialize()
            reference.pop("activityId", None)  # a notice starts a message of its own
            user = reference.get("user")
            if isinstance(user, dict):
                user.pop("name", None)  # not needed to write back: keep no more than ids
            conversation = reference.get("conversation") or {}
            # A channel message's conversation is its thread ("19:...;messageid=..."):
            # notices go to the channel itself, as new posts.
            channel = str(conversation.get("id") or "").split(THREAD_MARK)[0]
            keys = []
            if channel:
                conversation["id"] = channel
                keys.append(self.records.conversation_key(channel))
            if conversation.get("conversationType") in PERSONAL and activity.from_property:
                keys.append(self.records.user_key(user_id(activity)))
            for key in keys:
                if self._seen.get(key) == reference:
                    continue  # unchanged: no write per message
                await self.records.save_reference(platform=PLATFORM, key=key, reference=reference)
                self._seen[key] = reference
        except Exception:
            log.exception("could not keep the Teams conversation reference")

    async def _reference(self, key: str) -> ConversationReference | None:
        found = await self.records.load_reference(platform=PLATFORM, key=key)
        return ConversationReference().deserialize(found) if found is not None else None

    async def _send(self, reference: ConversationReference, activity: Activity) -> None:
        async def send(turn_context: TurnContext) -> None:
            # The SDK gives the continuation turn a made-up activity id and would send
            # the notice as a reply to it; without one it is a new message (in a channel,
            # a new post).
            turn_context.activity.id = None
            await turn_context.send_activity(activity)

        await self.adapter.continue_conversation(reference, send, self.app_id)

    async def send_direct(self, *, user: str, text: str, action: str | None) -> None:
        reference = await self._reference(self.records.user_key(user))
        if reference is None:
            if self.fallback is not None:
                await self.fallback.send_direct(user=user, text=text, action=action)
                return
            raise NotReachable(
                f"no Teams chat with user {user} yet: they must write to the bot once"
            )
        rendered = cards.render_notice(
            text, form_command=FORM_COMMANDS.get(action or ""), language=self.language
        )
        await self._send(reference, render_activity(rendered))

    async def post_channel(self, *, channel: str, text: str) -> None:
        reference = await self._reference(self.records.conversation_key(channel))
        if reference is None:
            if self.fallback is not None:
                await self.fallback.post_channel(channel=channel, text=text)
                return
            raise NotReachable(
                f"no Teams conversation {channel} known: add the bot to that channel and "
                "mention it once"
            )
        rendered = cards.render_notice(text, form_command=None, language=self.language)
        await self._send(reference, render_activity(rendered))
