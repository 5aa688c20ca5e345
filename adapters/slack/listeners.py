"""The Bolt listeners: each translates one kind of Slack payload into the core's
`Message` and delivers the replies. Slack markup in what users type becomes plain text
here; what goes back is escaped by `render`.

Acks come first, always within Slack's 3 s: every listener acks and hands the slow work
(the core's turn, the delivery) to a small pool of workers (`Background`), then returns.
Because nothing slow is left in the listener, Bolt runs it inline
(`process_before_response=True`) and answers Slack the moment it returns, rather than
polling every 10 ms for the ack as its default mode does. The one exception is a modal
submission, whose field errors must travel in the ack: the core gets `FORM_DEADLINE`
seconds, after which the modal is closed and the outcome follows by direct message.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.background import Background
from adapters.slack.dedupe import SeenEvents
from adapters.slack.deliver import HELP_ACTION, OPEN_FORM_ACTION, Where, deliver
from adapters.slack.forms import CALLBACK_PREFIX, FormContext, field_errors, form_values, option
from adapters.slack.home import home_view
from adapters.slack.render import FEEDBACK_ACTION_PREFIX, PICK_ACTION_PREFIX, parse_feedback
from bot.kernel.bot import Bot
from bot.kernel.messages import (
    Capabilities,
    Error,
    Feedback,
    FormErrors,
    FormSubmit,
    Home,
    HomeOpened,
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
# Slack has slash commands, modals and App Home; its user ids are U…, W… (or B… bots).
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


class Listeners:
    """The Bolt listeners: translate, call the core, deliver. Bolt injects arguments by
    parameter name (`ack`, `body`, `event`, `command`, `client`, ...)."""

    def __init__(
        self, *, bot: Bot, services: Services, seen: SeenEvents, background: Background
    ) -> None:
        self.bot = bot
        self.services = services
        self.seen = seen
        self.background = background

    def register(self, app: AsyncApp) -> None:
        app.use(self.skip_retried_events)
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

    # --- middleware -------------------------------------------------------------------

    async def skip_retried_events(
        self, body: Body, next: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        """Runs after Bolt verified the signature: a retry of an event already taken is
        acknowledged and goes no further (nothing answered or stored twice)."""
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not await self.seen.first_time(event_id):
            log.info("event %s already taken; acknowledging the retry", event_id)
            return BoltResponse(status=200, body="")
        await next()
        return None

    # --- turns ------------------------------------------------------------------------

    def _answer_later(self, event: Message | Feedback | Pick, where: Where) -> None:
        """After the ack: the core's turn and the delivery of its replies."""

        async def job() -> None:
            await deliver(await self.bot.handle(event), where=where)

        self.background.submit(job)

    def _answer_text_later(
        self,
        client: AsyncWebClient,
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
            client=client,
            user=user,
            channel=channel,
            command=text,
            thread_ts=thread_ts,
            trigger_id=trigger_id,
            response_url=response_url,
            direct=direct,
        )
        self._answer_later(message, where)

    async def on_command(self, ack: AsyncAck, command: Body, client: AsyncWebClient) -> None:
        await ack()
        text = from_slack_text(f"{command['command']} {command.get('text') or ''}").strip()
        self._answer_text_later(
            client,
            user=str(command["user_id"]),
            channel=command.get("channel_id"),
            text=text,
            user_name=command.get("user_name"),
            trigger_id=command.get("trigger_id"),
            response_url=command.get("response_url"),
        )

    async def on_direct_message(self, event: Body, client: AsyncWebClient) -> None:
        if event.get("channel_type") != "im" or event.get("bot_id") or not event.get("user"):
            return
        text = from_slack_text(event.get("text") or "").strip()
        self._answer_text_later(
            client,
            user=str(event["user"]),
            channel=str(event["channel"]),
            text=text,
            thread_ts=event.get("thread_ts"),
            direct=True,
        )

    async def on_other_message(self) -> None:
        return None

    async def on_mention(self, event: Body, client: AsyncWebClient, context: Body) -> None:
        channel = str(event["channel"])
        if channel.startswith("D") or not event.get("user"):
            return  # a DM arrives as message.im too; answer it once
        text = from_slack_text(_strip_mention(event.get("text") or "", context.get("bot_user_id")))
        self._answer_text_later(
            client,
            user=str(event["user"]),
            channel=channel,
            text=text,
            thread_ts=event.get("thread_ts") or event.get("ts"),
        )

    async def on_home_opened(self, event: Body, client: AsyncWebClient) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        user = str(event["user"])

        async def job() -> None:
            replies = await self.bot.handle(
                HomeOpened(user=user, platform="slack", capabilities=CAPABILITIES)
            )
            home = next((r for r in replies if isinstance(r, Home | Error)), None)
            if home is not None:  # an Error: the tab says so (the boundary logged why)
                await client.views_publish(user_id=user, view=home_view(home))

        self.background.submit(job)

    # --- interactivity ----------------------------------------------------------------

    async def on_feedback(
        self, ack: AsyncAck, action: Body, body: Body, client: AsyncWebClient
    ) -> None:
        await ack()
        clicked = parse_feedback(action_id=action["action_id"], value=action.get("value") or "{}")
        event = Feedback(
            **self._clicker(body),
            question=clicked.question,
            passage_id=clicked.passage_id,
            helpful=clicked.helpful,
            language=clicked.language,
        )
        self._answer_later(event, self._where_clicked(client, body))

    async def on_pick(
        self, ack: AsyncAck, action: Body, body: Body, client: AsyncWebClient
    ) -> None:
        """A suggested passage picked: the core shows it in the conversation."""
        await ack()
        clicked = parse_feedback(action_id=action["action_id"], value=action.get("value") or "{}")
        if clicked.passage_id is None:
            return
        event = Pick(
            **self._clicker(body),
            question=clicked.question,
            passage_id=clicked.passage_id,
            language=clicked.language,
        )
        self._answer_later(event, self._where_clicked(client, body))

    @staticmethod
    def _clicker(body: Body) -> dict[str, Any]:
        return {"user": str(body["user"]["id"]), "platform": "slack", "capabilities": CAPABILITIES}

    @staticmethod
    def _where_clicked(client: AsyncWebClient, body: Body) -> Where:
        """A button under a message: replies go where the message is."""
        container = body.get("container") or {}
        return Where(
            client=client,
            user=str(body["user"]["id"]),
            channel=(body.get("channel") or {}).get("id") or container.get("channel_id"),
            command="",
            thread_ts=container.get("thread_ts"),
            response_url=body.get("response_url"),
        )

    async def on_command_button(
        self, ack: AsyncAck, action: Body, body: Body, client: AsyncWebClient
    ) -> None:
        """A button that runs a command: open the form, show the help (App Home, or the
        button offered where a form could not open at once)."""
        await ack()
        self._answer_text_later(
            client,
            user=str(body["user"]["id"]),
            channel=(body.get("channel") or {}).get("id"),
            text=str(action.get("value") or HOME_FORM_COMMAND),
            trigger_id=body.get("trigger_id"),
            response_url=body.get("response_url"),
        )

    async def on_form_submitted(
        self, ack: AsyncAck, body: Body, view: Body, client: AsyncWebClient
    ) -> None:
        context = FormContext.decode(view.get("private_metadata"))
        form_id = context.form_id if context else str(view["callback_id"])[len(CALLBACK_PREFIX) :]
        user = str(body["user"]["id"])
        message = FormSubmit(
            user=user,
            platform="slack",
            capabilities=CAPABILITIES,
            channel=context.channel if context else None,
            user_name=body["user"].get("username") or body["user"].get("name"),
            form_id=form_id,
            values=form_values(view["state"]["values"]),
            language=context.language if context else "sv",
            idempotency_key=f"slack:{view['id']}",
        )
        where = Where(
            client=client,
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
            await ack()

            async def finish() -> None:
                await deliver(await turn, where=where)

            self.background.submit(finish)
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
            await deliver(replies, where=where)

        self.background.submit(confirm)

    async def on_options(self, ack: AsyncAck, body: Body) -> None:
        """Options for an `external_select` (more than 100 choices): the core filters the
        field's choices by what was typed."""
        context = FormContext.decode((body.get("view") or {}).get("private_metadata"))
        user = (body.get("user") or {}).get("id")
        if context is None or not user:
            await ack(options=[])
            return
        replies = await self.bot.handle(
            OptionsQuery(
                user=str(user),
                platform="slack",
                capabilities=CAPABILITIES,
                channel=context.channel,
                form_id=context.form_id,
                field=str(body.get("action_id") or ""),
                typed=str(body.get("value") or ""),
                language=context.language,
            )
        )
        found = next((r for r in replies if isinstance(r, Options)), None)
        await ack(options=[option(v, label) for v, label in found.options] if found else [])
