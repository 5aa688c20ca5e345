"""The Teams surface: a botbuilder `ActivityHandler` that turns activities into the core's
`Message` and sends the core's replies back as Adaptive Cards or escaped text.

Translation only: what a message means is the core's business (`bot.kernel.bot`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from botbuilder.core import ActivityHandler, CardFactory, MessageFactory, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import Activity, ChannelAccount, TextFormatTypes

from adapters.teams import cards
from adapters.teams.links import DownloadLinks
from adapters.teams.names import channel_account_only, with_registered_name
from adapters.teams.texts import t
from bot.features.contacts import validation
from bot.kernel.bot import Bot
from bot.kernel.messages import (
    Capabilities,
    Feedback,
    File,
    FormErrors,
    FormSubmit,
    Language,
    Message,
    Pick,
    Reply,
)
from bot.kernel.ports import INLINE_PREFIX, Records

log = logging.getLogger(__name__)

# Conversation types where the bot only listens when @mentioned.
SHARED_CONVERSATIONS = frozenset({"channel", "groupChat"})
# Teams has no slash commands (a command word counts without its slash) but has cards.
CAPABILITIES = Capabilities(forms=True, bare_commands=True)
# Prefixed to the user id of an activity nobody authenticated (anonymous mode), so that it
# matches no configured coordinator nor registered representative: no roles.
UNVERIFIED = "unverified:"
PASSAGE_ID_CHARS = 200  # the submit's data comes back from the client: keep it in bounds
_AT_TAG = re.compile(r"</?at[^>]*>", re.IGNORECASE)
# Activities whose id is marked seen before their turn: a redelivery gets no second
# answer (invokes are left to botbuilder: they expect an invoke response).
GUARDED_TYPES = frozenset({"message", "conversationUpdate"})
TEAMS_TURN = INLINE_PREFIX + "teams-turn"
TURN_LEASE = dt.timedelta(seconds=60)  # a turn still running past this is taken as dead
SEEN = object()


def _language(value: object, fallback: Language = "sv") -> Language:
    return "en" if value == "en" else fallback


def strip_bot_mention(activity: Activity) -> tuple[str, bool]:
    """The text without the @mention of the bot, and whether the bot was mentioned.
    Other people's mentions are still marked up (see `plain_text`)."""
    text = activity.text or ""
    mentioned = False
    recipient_id = activity.recipient.id if activity.recipient else None
    for mention in TurnContext.get_mentions(activity):
        props: Mapping[str, Any] = mention.additional_properties or {}
        who = props.get("mentioned")
        if recipient_id is None or not isinstance(who, Mapping) or who.get("id") != recipient_id:
            continue
        mentioned = True
        tag = props.get("text")
        if not isinstance(tag, str) or not tag:
            tag = f"<at>{who.get('name', '')}</at>"
        text = text.replace(tag, " ")
    return text.strip(), mentioned


def _mention_entities(
    activity: Activity, entra_ids: Mapping[str, str] | None = None
) -> list[Mapping[str, Any]]:
    """The mention entities' fields as sent (botbuilder keeps what it does not model in
    `additional_properties`), with the Entra object ids looked up for them."""
    entities: list[Mapping[str, Any]] = []
    for mention in TurnContext.get_mentions(activity):
        props = mention.additional_properties or {}
        if not isinstance(props, Mapping):
            continue
        who = props.get("mentioned")
        if entra_ids and isinstance(who, Mapping) and who.get("id") in entra_ids:
            props = {**props, "mentioned": {**who, "aadObjectId": entra_ids[who["id"]]}}
        entities.append(props)
    return entities


def plain_text(activity: Activity, text: str, entra_ids: Mapping[str, str]) -> str:
    """`text` (from `strip_bot_mention`) as the core reads it. A registration keeps the
    registered person's id and name from their mention (`entra_ids`: Entra object ids by
    channel account id, for mentions that lack them); other people's mentions stay as
    their names, without the markup."""
    text = with_registered_name(text, _mention_entities(activity, entra_ids))
    return " ".join(_AT_TAG.sub("", text).split())


async def entra_ids_of_mentions(turn_context: TurnContext, text: str) -> dict[str, str]:
    """The Entra object id of the person a registration (`text`, from
    `strip_bot_mention`) mentions by channel account id only, from the connector's
    member lookup; empty when there is none to look up or the lookup fails (then the
    channel account id is registered, as before)."""
    account = channel_account_only(text, _mention_entities(turn_context.activity))
    if account is None:
        return {}
    try:
        member = await asyncio.wait_for(TeamsInfo.get_member(turn_context, account), 10)
    except Exception as error:  # the connector refused or is away: register as before
        log.warning("no Entra id for a mentioned member: %s", str(error)[:200])
        return {}
    entra = getattr(member, "aad_object_id", None)
    if isinstance(entra, str) and validation.user_id(entra) is not None:
        return {account: entra}
    return {}


class TeamsBot(ActivityHandler):  # type: ignore[misc]  # botbuilder is untyped
    """Messages, @mentions, card submits and installs -> the core; replies -> Teams."""

    def __init__(
        self,
        *,
        core: Bot,
        links: DownloadLinks,
        remember: Callable[[Activity], Awaitable[None]] | None = None,
        verified: bool = True,
        records: Records | None = None,
    ) -> None:
        super().__init__()
        self._records = records  # where activity ids are marked seen (`_take`)
        self._core = core
        # False in anonymous mode: nobody vouched for the ids an activity claims, so they
        # are marked (`UNVERIFIED`) and match no coordinator or representative.
        self._verified = verified
        self._links = links
        self._remember = remember  # keeps where each activity came from (proactive sends)

    async def on_turn(self, turn_context: TurnContext) -> None:
        activity: Activity = turn_context.activity
        if self._remember is not None:
            await self._remember(activity)
        job = await self._take(activity)
        if job is SEEN:
            log.info("Teams activity %s delivered again; answered once already",
                     str(activity.id)[:80])  # fmt: skip
            return
        try:
            await super().on_turn(turn_context)
        except BaseException:
            if isinstance(job, int) and self._records is not None:
                with contextlib.suppress(Exception):  # its lease runs out instead
                    await self._records.release_jobs([job])  # a redelivery may answer
            raise
        if isinstance(job, int) and self._records is not None:
            try:
                await self._records.finish_job(job)
            except Exception as error:  # the lease runs out; the seen key stays
                log.warning("Teams turn %s done but not recorded: %s", job, error)

    async def _take(self, activity: Activity) -> int | object | None:
        """Mark the activity's id seen, atomically with a row that says its turn is in
        progress (an inline job, leased to this process: `Records.enqueue_job`); the
        job's id, or `SEEN` when the id was taken before: its turn answered it, or is
        answering it now, here or in another process. A redelivery after the process
        that took it died (its lease ran out) takes the job over and is answered. None:
        nothing to guard (no id, or an activity that is no turn of ours)."""
        if self._records is None or activity.type not in GUARDED_TYPES or not activity.id:
            return None
        key = activity_key(activity)
        taken = await self._records.enqueue_job(
            key=key, kind=TEAMS_TURN, payload={}, lease=TURN_LEASE
        )
        if taken is None:
            taken = await self._records.take_over_job(key, lease=TURN_LEASE)
        return SEEN if taken is None else taken

    # --- activities ----------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity: Activity = turn_context.activity
        if isinstance(activity.value, Mapping):
            await self._on_submit(turn_context, activity.value)
            return
        text, mentioned = strip_bot_mention(activity)
        conversation_type = getattr(activity.conversation, "conversation_type", None)
        if conversation_type in SHARED_CONVERSATIONS and not mentioned:
            return  # a channel message not addressed to the bot
        text = plain_text(activity, text, await entra_ids_of_mentions(turn_context, text))
        replies = await self._core.handle(self._message(activity, text=text))
        await self._send(turn_context, replies)

    async def on_members_added_activity(
        self, members_added: Sequence[ChannelAccount], turn_context: TurnContext
    ) -> None:
        recipient = turn_context.activity.recipient
        if recipient is None or not any(m.id == recipient.id for m in members_added):
            return  # someone else joined: no greeting to the whole team
        welcome = cards.escape_markdown(t("teams.welcome", "sv"))
        await turn_context.send_activity(text_activity(welcome))

    # --- card submits --------------------------------------------------------------

    async def _on_submit(self, turn_context: TurnContext, value: Mapping[str, Any]) -> None:
        match value.get(cards.ACTION_KEY):
            case cards.FORM_ACTION:
                await self._on_form(turn_context, value)
            case cards.FEEDBACK_ACTION:
                await self._on_feedback(turn_context, value)
            case cards.PICK_ACTION:
                await self._on_pick(turn_context, value)
            case other:
                log.info("ignoring a card submit without a known action: %r", other)

    async def _on_form(self, turn_context: TurnContext, value: Mapping[str, Any]) -> None:
        activity: Activity = turn_context.activity
        language = _language(value.get("lang"))
        try:
            values = cards.submitted_values(value)
        except cards.MalformedInput as malformed:
            log.warning("card submit: %s", malformed)
            unreadable = t("teams.form_unreadable", language, field=malformed.name[:40])
            await turn_context.send_activity(text_activity(cards.escape_markdown(unreadable)))
            return
        submit = FormSubmit(
            **self._who(activity),
            form_id=str(value.get("form_id") or ""),
            values=values,
            language=language,
        )
        outgoing: list[Activity] = []
        for reply in await self._core.handle(submit):
            if isinstance(reply, FormErrors) and reply.form is not None:
                # The same card again: the user's values kept, the errors beside them.
                again = cards.render_form(
                    reply.form, values=values, errors=reply.errors, summary=reply.summary
                )
                outgoing.append(render_activity(again))
            else:
                outgoing.append(await self._render(reply))
        if outgoing:
            await turn_context.send_activities(outgoing)

    async def _on_feedback(self, turn_context: TurnContext, value: Mapping[str, Any]) -> None:
        passage_id = value.get("passage_id")
        feedback = Feedback(
            **self._who(turn_context.activity),
            question=str(value.get("question") or ""),
            passage_id=str(passage_id)[:PASSAGE_ID_CHARS] if passage_id is not None else None,
            helpful=value.get("helpful") is True,
            language=_language(value.get("lang")),
        )
        await self._send(turn_context, await self._core.handle(feedback))

    async def _on_pick(self, turn_context: TurnContext, value: Mapping[str, Any]) -> None:
        passage_id = value.get("passage_id")
        if not isinstance(passage_id, str) or not passage_id:
            log.info("ignoring a pick without a passage")
            return
        picked = Pick(
            **self._who(turn_context.activity),
            question=str(value.get("question") or ""),
            passage_id=passage_id[:PASSAGE_ID_CHARS],
            language=_language(value.get("lang")),
        )
        await self._send(turn_context, await self._core.handle(picked))

    # --- translation ---------------------------------------------------------------

    def _who(self, activity: Activity) -> dict[str, Any]:
        """The fields every event shares: who, where, what Teams can do, and the
        activity id, so that an activity delivered twice stores nothing twice."""
        user = user_id(activity)
        return {
            "user": user if self._verified else UNVERIFIED + user,
            "idempotency_key": activity.id or None,  # as stored for card submits before
            "platform": "teams",
            "capabilities": CAPABILITIES,
            "channel": activity.conversation.id if activity.conversation else None,
            "user_name": getattr(activity.from_property, "name", None),
        }

    def _message(self, activity: Activity, *, text: str) -> Message:
        return Message(**self._who(activity), text=text)

    async def _render(self, reply: Reply) -> Activity:
        url = None
        if isinstance(reply, File):
            url = await self._links.publish(
                filename=reply.filename, media_type=reply.media_type, content=reply.content
            )
        ttl_minutes = int(self._links.ttl.total_seconds() // 60)
        return render_activity(
            cards.render(reply, language=reply.language, url=url, ttl_minutes=ttl_minutes)
        )

    async def _send(self, turn_context: TurnContext, replies: Sequence[Reply]) -> None:
        if replies:
            await turn_context.send_activities([await self._render(reply) for reply in replies])


def activity_key(activity: Activity) -> str:
    """The jobs table's key for an activity: its id within its conversation (Teams'
    message ids are unique per conversation), hashed to a bounded length whatever the
    sender put in them."""
    conversation = activity.conversation.id if activity.conversation else ""
    raw = f"{conversation}\n{activity.id}".encode("utf-8", "replace")
    return "teams:activity:" + hashlib.sha256(raw).hexdigest()


def user_id(activity: Activity) -> str:
    """The user id the core knows: the Entra (AAD) object id, stable across chats."""
    sender = activity.from_property
    return str(getattr(sender, "aad_object_id", None) or sender.id)


def text_activity(text: str) -> Activity:
    activity: Activity = MessageFactory.text(text)
    activity.text_format = TextFormatTypes.markdown
    return activity


def render_activity(rendered: cards.Rendered) -> Activity:
    if rendered.card is None:
        return text_activity(rendered.text or "")
    activity: Activity = MessageFactory.attachment(CardFactory.adaptive_card(rendered.card))
    if rendered.text:
        activity.summary = rendered.text
    return activity
