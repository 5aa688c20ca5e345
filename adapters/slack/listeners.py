"""The Bolt listeners: each translates one kind of Slack payload into the core's
`Message` and delivers the replies. Slack markup in what users type becomes plain text
here; what goes back is escaped by `render`.

Acks come first, always within Slack's 3 s: every listener commits the turn as a job
(`JobWorker.enqueue`: one insert, leased to this process) and acks; a worker runs the
core's turn and delivers, and any server process takes the job over after a crash.
Because nothing slow is left in the listener, Bolt runs it inline
(`process_before_response=True`) and answers Slack the moment it returns, rather than
polling every 10 ms for the ack as its default mode does. The one exception is a modal
submission, whose field errors must travel in the ack: the core gets `FORM_DEADLINE`
seconds, after which the modal is closed and the outcome follows by direct message.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import uuid
from dataclasses import fields, replace
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.jobs import JobWorker
from adapters.slack.background import Background
from adapters.slack.deliver import HELP_ACTION, OPEN_FORM_ACTION, Where, deliver
from adapters.slack.forms import (
    CALLBACK_PREFIX,
    FormContext,
    MalformedField,
    field_errors,
    form_values,
    option,
)
from adapters.slack.home import home_view
from adapters.slack.names import with_registered_name
from adapters.slack.render import FEEDBACK_ACTION_PREFIX, PICK_ACTION_PREFIX, parse_feedback
from adapters.slack.render import Feedback as ClickedAnswer
from adapters.slack.texts import t as slack_t
from bot.kernel.bot import Bot
from bot.kernel.messages import (
    Capabilities,
    Error,
    Feedback,
    FormErrors,
    FormSubmit,
    Home,
    HomeOpened,
    Language,
    Message,
    Options,
    OptionsQuery,
    Pick,
)
from bot.kernel.turn import Services

log = logging.getLogger(__name__)

# Every slash command of the manifest; each maps to the core's text "<command> <text>".
SLASH_COMMANDS = (
    "/fraga",
    "/ask",
    "/kontakt",
    "/contact",
    "/rapport",
    "/report",
    "/natverk",
    "/network",
    "/hjalp",
    "/help",
)
FORM_DEADLINE = 2.0  # seconds for the core to judge a modal submission (Slack allows 3)
HOME_FORM_COMMAND = "/kontakt"
# Slack has slash commands, modals and App Home.
CAPABILITIES = Capabilities(forms=True, user_id=r"[UWB][A-Z0-9]{1,20}")

_MARKUP = re.compile(r"<([^<>]*)>")


def from_slack_text(text: str) -> str:
    """Slack's message markup as the plain text the user typed: `<@U1|anna>` -> `U1`,
    `<#C1|general>` -> `#general`, `<!here>` -> `@here`, `<https://x|x>` -> `x`,
    and `&lt;` `&gt;` `&amp;` unescaped."""

    def plain(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            return target[1:]
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return label or "@" + target[1:].split("^")[0]
        return label or target

    text = _MARKUP.sub(plain, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _strip_mention(text: str, bot_user_id: str | None) -> str:
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    return text.strip()


Body = dict[str, Any]


class BadPayload(ValueError):
    """A signed payload without a field we need: answered 400 with one log line."""


def _text(mapping: object, name: str) -> str:
    """`mapping[name]` as a non-empty string, or `BadPayload`."""
    value = mapping.get(name) if isinstance(mapping, dict) else None
    if not isinstance(value, str) or not value:
        raise BadPayload(f"payload has no {name}")
    return value


def _optional(mapping: object, name: str) -> str | None:
    value = mapping.get(name) if isinstance(mapping, dict) else None
    return value if isinstance(value, str) and value else None


def _object(mapping: object, name: str) -> dict[str, Any]:
    value = mapping.get(name) if isinstance(mapping, dict) else None
    return value if isinstance(value, dict) else {}


def _raised_by_bolt_reading(error: Exception) -> bool:
    """A type or lookup error raised inside slack_bolt itself: its listener matchers read
    a signed payload's fields without looking (`action_id` a boolean, ...). That is the
    payload's fault, not a bug of ours."""
    if not isinstance(error, LookupError | TypeError | AttributeError | ValueError):
        return False
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return frame is not None and f"{os.sep}slack_bolt{os.sep}" in frame.tb_frame.f_code.co_filename


TURN_JOB = "slack-turn"  # the jobs table's kind for a Slack turn


class Listeners:
    """The Bolt listeners: translate, call the core, deliver. Bolt injects arguments by
    parameter name (`ack`, `body`, `event`, `command`, `client`, ...).

    A turn is committed as a job (`Records.enqueue_job`) before its ack, and `worker`
    runs it: a crash after the ack loses nothing, and the job's unique key (the event id)
    is how a retried event is recognised, in the transaction that records the work."""

    def __init__(
        self,
        *,
        bot: Bot,
        services: Services,
        background: Background,
        worker: JobWorker,
        client: AsyncWebClient,
    ) -> None:
        self.bot = bot
        self.services = services
        self.background = background
        self.worker = worker
        self.client = client

    def register(self, app: AsyncApp) -> None:
        for name in SLASH_COMMANDS:
            app.command(name)(self.on_command)
        app.event({"type": "message", "subtype": None})(self.on_direct_message)
        app.event("message")(self.on_other_message)  # edits, joins, bot messages: ack only
        app.event("app_mention")(self.on_mention)
        app.event("app_home_opened")(self.on_home_opened)
        app.action(re.compile("^" + FEEDBACK_ACTION_PREFIX))(self.on_feedback)
        app.action(re.compile("^" + PICK_ACTION_PREFIX))(self.on_pick)
        app.action(OPEN_FORM_ACTION)(self.on_command_button)
        app.action(HELP_ACTION)(self.on_command_button)
        app.view_submission(re.compile("^" + re.escape(CALLBACK_PREFIX)))(self.on_form_submitted)
        app.block_suggestion(re.compile(".+"))(self.on_options)
        app.error(self.on_error)

    async def on_error(self, error: Exception) -> BoltResponse | None:
        """A signed payload we cannot use is the sender's problem (400, one line); any
        other failure is ours, logged with its stack (Bolt answers 500)."""
        if isinstance(error, BadPayload):
            log.warning("Slack payload refused: %s", error)
            return BoltResponse(status=400, body="")
        if _raised_by_bolt_reading(error):
            log.warning("Slack payload Bolt cannot read: %s: %s", type(error).__name__, error)
            return BoltResponse(status=400, body="")
        log.error("Slack listener failed", exc_info=error)
        return None

    # --- turns ------------------------------------------------------------------------

    async def _answer_later(
        self, key: str | None, event: Message | Feedback | Pick | FormSubmit, where: Where
    ) -> None:
        """Commit the turn as a job before the ack; the worker runs it and delivers."""
        key = key or f"slack:local:{uuid.uuid4().hex}"  # no platform id: nothing to dedupe
        payload = {"event": _event_payload(replace(event, idempotency_key=key)),
                   "where": _where_payload(where)}  # fmt: skip
        if not await self.worker.enqueue(key=key, kind=TURN_JOB, payload=payload):
            log.info("%s already taken; acknowledging the retry", key)

    async def run_turn(self, payload: dict[str, Any]) -> None:
        """The job: the core's turn, then the delivery of its replies."""
        event = _event_from(payload["event"])
        if isinstance(event, Message):  # a registration keeps the person's Slack name
            event = replace(event, text=await with_registered_name(event.text, self.client))
        where = Where(client=self.client, **payload["where"])
        await deliver(await self.bot.handle(event), where=where)

    async def _answer_text_later(
        self,
        key: str | None,
        *,
        user: str,
        channel: str | None,
        text: str,
        user_name: str | None = None,
        thread_ts: str | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
        direct: bool = False,
    ) -> None:
        """A typed turn (command, message, mention, command button), answered after the
        ack where it came from."""
        message = Message(
            user=user,
            text=text,
            platform="slack",
            capabilities=CAPABILITIES,
            channel=channel,
            user_name=user_name,
        )
        where = Where(
            client=self.client,
            user=user,
            channel=channel,
            command=text,
            thread_ts=thread_ts,
            trigger_id=trigger_id,
            response_url=response_url,
            direct=direct,
        )
        await self._answer_later(key, message, where)

    async def on_command(self, ack: AsyncAck, command: Body) -> None:
        name = _text(command, "command")
        text = from_slack_text(f"{name} {_optional(command, 'text') or ''}").strip()
        trigger_id = _optional(command, "trigger_id")
        await self._answer_text_later(
            f"slack:command:{trigger_id}" if trigger_id else None,
            user=_text(command, "user_id"),
            channel=_optional(command, "channel_id"),
            text=text,
            user_name=_optional(command, "user_name"),
            trigger_id=trigger_id,
            response_url=_optional(command, "response_url"),
        )
        await ack()

    async def on_direct_message(self, event: Body, body: Body) -> None:
        if event.get("channel_type") != "im" or event.get("bot_id") or not event.get("user"):
            return
        text = from_slack_text(_optional(event, "text") or "").strip()
        await self._answer_text_later(
            _event_key(body),
            user=_text(event, "user"),
            channel=_text(event, "channel"),
            text=text,
            thread_ts=_optional(event, "thread_ts"),
            direct=True,
        )

    async def on_other_message(self) -> None:
        return None

    async def on_mention(self, event: Body, body: Body, context: Body) -> None:
        channel = _text(event, "channel")
        if channel.startswith("D") or not event.get("user"):
            return  # a DM arrives as message.im too; answer it once
        text = _strip_mention(_optional(event, "text") or "", context.get("bot_user_id"))
        await self._answer_text_later(
            _event_key(body),
            user=_text(event, "user"),
            channel=channel,
            text=from_slack_text(text),
            thread_ts=_optional(event, "thread_ts") or _optional(event, "ts"),
        )

    async def on_home_opened(self, event: Body) -> None:
        """Nothing is stored: a lost home view is drawn again at the next opening, so it
        needs no job."""
        if event.get("tab") != "home" or not event.get("user"):
            return
        user = _text(event, "user")
        client = self.client

        async def job() -> None:
            replies = await self.bot.handle(
                HomeOpened(user=user, platform="slack", capabilities=CAPABILITIES)
            )
            home = next((r for r in replies if isinstance(r, Home | Error)), None)
            if home is not None:  # an Error: the tab says so (the boundary logged why)
                await client.views_publish(user_id=user, view=home_view(home))

        self.background.submit(job)

    # --- interactivity ----------------------------------------------------------------

    async def on_feedback(self, ack: AsyncAck, action: Body, body: Body) -> None:
        clicked = _clicked(action)
        event = Feedback(
            user=_text(_object(body, "user"), "id"),
            platform="slack",
            capabilities=CAPABILITIES,
            question=clicked.question,
            passage_id=clicked.passage_id,
            helpful=clicked.helpful,
            language=clicked.language,
        )
        await self._answer_later(_action_key(body, action), event, self._where_clicked(body))
        await ack()

    async def on_pick(self, ack: AsyncAck, action: Body, body: Body) -> None:
        """A suggested passage picked: the core shows it where the question was."""
        clicked = _clicked(action)
        if clicked.passage_id is None:
            raise BadPayload("a pick without a passage")
        event = Pick(
            user=_text(_object(body, "user"), "id"),
            platform="slack",
            capabilities=CAPABILITIES,
            question=clicked.question,
            passage_id=clicked.passage_id,
            language=clicked.language,
        )
        await self._answer_later(_action_key(body, action), event, self._where_clicked(body))
        await ack()

    def _where_clicked(self, body: Body) -> Where:
        """A button under a message: replies go where the message is."""
        container = _object(body, "container")
        return Where(
            client=self.client,
            user=_text(_object(body, "user"), "id"),
            channel=_optional(_object(body, "channel"), "id") or _optional(container, "channel_id"),
            command="",
            thread_ts=_optional(container, "thread_ts"),
            response_url=_optional(body, "response_url"),
        )

    async def on_command_button(self, ack: AsyncAck, action: Body, body: Body) -> None:
        """A button that runs a command: open the form, show the help (App Home, or the
        button offered where a form could not open at once)."""
        await self._answer_text_later(
            _action_key(body, action),
            user=_text(_object(body, "user"), "id"),
            channel=_optional(_object(body, "channel"), "id"),
            text=_optional(action, "value") or HOME_FORM_COMMAND,
            trigger_id=_optional(body, "trigger_id"),
            response_url=_optional(body, "response_url"),
        )
        await ack()

    async def on_form_submitted(self, ack: AsyncAck, body: Body, view: Body) -> None:
        """The core judges the submission before the ack (its field errors travel in the
        ack), so what it stores is committed before Slack's 200. Past `FORM_DEADLINE` the
        submission is committed as a job instead, the modal closes, and the worker runs it
        again under the same key: stored once, confirmed by direct message."""
        context = FormContext.decode(_optional(view, "private_metadata"))
        view_id = _text(view, "id")
        form_id = context.form_id if context else _text(view, "callback_id")[len(CALLBACK_PREFIX) :]
        user_body = _object(body, "user")
        user = _text(user_body, "id")
        state = _object(view, "state").get("values")
        if not isinstance(state, dict) or not all(
            isinstance(actions, dict) and all(isinstance(item, dict) for item in actions.values())
            for actions in state.values()
        ):
            raise BadPayload("view.state.values is not {block: {action: {...}}}")
        language: Language = context.language if context else "sv"
        try:
            values = form_values(state)
        except MalformedField as malformed:
            log.warning("form %s: %s", form_id, malformed)
            unreadable = {malformed.block_id: slack_t("slack.form_unreadable", language)}
            await ack(response_action="errors", errors=field_errors(unreadable, view=view))
            return
        message = FormSubmit(
            user=user,
            platform="slack",
            capabilities=CAPABILITIES,
            channel=context.channel if context else None,
            user_name=_optional(user_body, "username") or _optional(user_body, "name"),
            form_id=form_id,
            values=values,
            language=language,
            idempotency_key=f"slack:{view_id}",
        )
        where = Where(
            client=self.client,
            user=user,
            channel=None,  # the confirmation goes to the DM with the bot
            command="",
            direct=True,
        )
        turn = asyncio.ensure_future(self.bot.handle(message))
        try:
            replies = await asyncio.wait_for(asyncio.shield(turn), FORM_DEADLINE)
        except TimeoutError:
            log.warning("form %s took over %.1f s; closing the modal first", form_id, FORM_DEADLINE)
            await self._answer_later(message.idempotency_key, message, where)
            await ack()
            return
        rejected = next((r for r in replies if isinstance(r, FormErrors)), None)
        if rejected is not None:
            problems = dict(rejected.errors) or {"": rejected.summary}
            await ack(response_action="errors", errors=field_errors(problems, view=view))
            return
        failed = next((r for r in replies if isinstance(r, Error)), None)
        if failed is not None:
            await ack(response_action="errors", errors=field_errors({"": failed.body}, view=view))
            return
        await ack()

        async def confirm() -> None:
            # Only the confirmation is left: the submission is committed already.
            await deliver(replies, where=where)

        self.background.submit(confirm)

    async def on_options(self, ack: AsyncAck, body: Body) -> None:
        """Options for an `external_select` (more than 100 choices): the core filters the
        field's choices by what was typed."""
        context = FormContext.decode(_optional(_object(body, "view"), "private_metadata"))
        user = _optional(_object(body, "user"), "id")
        if context is None or not user:
            await ack(options=[])
            return
        replies = await self.bot.handle(
            OptionsQuery(
                user=user,
                platform="slack",
                capabilities=CAPABILITIES,
                channel=context.channel,
                form_id=context.form_id,
                field=_optional(body, "action_id") or "",
                typed=_optional(body, "value") or "",
                language=context.language,
            )
        )
        found = next((r for r in replies if isinstance(r, Options)), None)
        await ack(options=[option(v, label) for v, label in found.options] if found else [])


# --- jobs: what a turn needs, as JSON ----------------------------------------------------


def _event_key(body: Body) -> str | None:
    event_id = _optional(body, "event_id")
    return f"slack:event:{event_id}" if event_id else None


def _clicked(action: Body) -> ClickedAnswer:
    """What an answer's button carries (feedback or pick): its passage and question."""
    try:
        return parse_feedback(
            action_id=_text(action, "action_id"), value=_optional(action, "value") or "{}"
        )
    except (ValueError, AttributeError, TypeError) as error:  # not our button's JSON
        raise BadPayload(f"button value unreadable: {error}") from error


def _action_key(body: Body, action: Body) -> str | None:
    """A click has no event id; its trigger id is unique to it."""
    trigger_id = _optional(body, "trigger_id")
    return f"slack:action:{trigger_id}:{_optional(action, 'action_id')}" if trigger_id else None


def _event_payload(event: Message | Feedback | Pick | FormSubmit) -> dict[str, Any]:
    common = {
        "user": event.user,
        "channel": event.channel,
        "user_name": event.user_name,
        "idempotency_key": event.idempotency_key,
    }
    match event:
        case Message():
            return common | {"type": "message", "text": event.text}
        case Feedback():
            return common | {
                "type": "feedback",
                "question": event.question,
                "passage_id": event.passage_id,
                "helpful": event.helpful,
                "language": event.language,
            }
        case Pick():
            return common | {
                "type": "pick",
                "question": event.question,
                "passage_id": event.passage_id,
                "language": event.language,
            }
        case FormSubmit():
            return common | {
                "type": "form",
                "form_id": event.form_id,
                "values": dict(event.values),
                "language": event.language,
            }


def _event_from(data: dict[str, Any]) -> Message | Feedback | Pick | FormSubmit:
    values = {k: v for k, v in data.items() if k != "type"}
    values |= {"platform": "slack", "capabilities": CAPABILITIES}
    if data["type"] == "message":
        return Message(**values)
    if data["type"] == "feedback":
        return Feedback(**values)
    if data["type"] == "pick":
        return Pick(**values)
    return FormSubmit(**values)


# The client is the app's own, not kept (and not copied: `asdict` would deep-copy it).
_WHERE_FIELDS = tuple(f.name for f in fields(Where) if f.name != "client")


def _where_payload(where: Where) -> dict[str, Any]:
    return {name: getattr(where, name) for name in _WHERE_FIELDS}
