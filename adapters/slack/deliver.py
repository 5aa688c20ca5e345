"""Deliver the core's replies to where a Slack turn came from.

A slash command answers through its `response_url` (ephemeral), a direct message in the
DM, a mention in the thread under it; a form opens as a modal when Slack gave a trigger
id (and as a button that opens it otherwise); a file is uploaded with `files_upload_v2`
to the conversation, or to the user's DM with the bot when the bot may not post there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.forms import FormContext, modal_view, text_modal
from adapters.slack.render import (
    BUTTON_TEXT_MAX,
    BUTTON_VALUE_MAX,
    SlackMessage,
    escape,
    mrkdwn,
    plain,
    render_answer,
    render_error,
    render_form_errors,
    render_text,
)
from adapters.slack.texts import t
from bot.kernel.messages import (
    Answer,
    Error,
    File,
    Form,
    FormErrors,
    Home,
    Options,
    Reply,
    Text,
)

log = logging.getLogger(__name__)

OPEN_FORM_ACTION = "open_form"
HELP_ACTION = "show_help"


@dataclass(frozen=True, kw_only=True)
class Where:
    """Where one turn came from, and so where its replies go."""

    client: AsyncWebClient
    user: str
    channel: str | None  # None: the App Home tab (no conversation)
    command: str  # the text of the turn, to open a form again from a button
    thread_ts: str | None = None
    trigger_id: str | None = None  # valid for 3 s: lets a reply open a modal
    response_url: str | None = None  # a slash command's or a message button's
    direct: bool = False  # the DM with the bot: post there, never ephemerally


async def deliver(replies: list[Reply], *, where: Where) -> None:
    for reply in replies:
        match reply:
            case Form():
                await open_form(reply, where=where)
            case File():
                await upload(reply, where=where)
            case Home() | Options():  # answers to events that have their own listeners
                log.warning("a %s reply has no place in a conversation", reply.kind)
            case Answer():
                await post(render_answer(reply), where=where, ephemeral=reply.ephemeral)
            case Text() | Error() | FormErrors():
                if where.channel is None and where.trigger_id:
                    # The App Home tab has no conversation: show the text in a modal.
                    text = reply if isinstance(reply, Text) else Text(body=_error_text(reply))
                    view = text_modal(text, close_label=t("slack.close", reply.language))
                    await where.client.views_open(trigger_id=where.trigger_id, view=view)
                elif isinstance(reply, Text):
                    await post(render_text(reply), where=where, ephemeral=reply.ephemeral)
                elif isinstance(reply, FormErrors):
                    await post(render_form_errors(reply), where=where, ephemeral=True)
                else:
                    await post(render_error(reply), where=where, ephemeral=True)


def _error_text(reply: Error | FormErrors) -> str:
    return reply.summary if isinstance(reply, FormErrors) else reply.body


async def post(message: SlackMessage, *, where: Where, ephemeral: bool) -> None:
    """Slash commands answer ephemerally through the response_url; elsewhere the reply's
    own `ephemeral` decides (a DM with the bot is private anyway)."""
    if where.response_url:
        await respond(
            where,
            {
                "text": message.text,
                "blocks": message.blocks,
                "response_type": "ephemeral",
                "replace_original": False,
            },
        )
        return
    channel = where.channel or where.user  # a user id posts to the DM with the bot
    if ephemeral and where.channel and not where.direct:
        await where.client.chat_postEphemeral(
            channel=channel,
            user=where.user,
            text=message.text,
            blocks=message.blocks,
            thread_ts=where.thread_ts,
        )
        return
    await where.client.chat_postMessage(
        channel=channel,
        text=message.text,
        blocks=message.blocks,
        thread_ts=where.thread_ts,
        unfurl_links=False,
        unfurl_media=False,
    )


RESPONSE_URL_TIMEOUT = aiohttp.ClientTimeout(total=10)


async def respond(where: Where, payload: dict[str, Any]) -> None:
    """Post to the response_url over the Web API client's shared HTTP session (Bolt's
    own `respond` opens a new session, and so a new connection, per call)."""
    assert where.response_url
    session = where.client.session
    if session is None or session.closed:
        async with aiohttp.ClientSession() as own:
            await _post_json(own, where.response_url, payload)
    else:
        await _post_json(session, where.response_url, payload)


async def _post_json(session: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> None:
    async with session.post(url, json=payload, timeout=RESPONSE_URL_TIMEOUT) as response:
        if response.status >= 400:
            log.warning("response_url answered %s: %s", response.status, await response.text())


def open_form_button(form: Form, *, command: str) -> SlackMessage:
    label = t("slack.open_form", form.language)
    return SlackMessage(
        text=escape(form.title),
        blocks=[
            {"type": "section", "text": mrkdwn(f"*{escape(form.title)}*")},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": OPEN_FORM_ACTION,
                        "style": "primary",
                        "text": plain(label, BUTTON_TEXT_MAX),
                        "value": command[:BUTTON_VALUE_MAX],
                    }
                ],
            },
        ],
    )


async def open_form(form: Form, *, where: Where) -> None:
    """A modal when Slack gave a trigger id; otherwise (or when it expired) a button."""
    if where.trigger_id:
        context = FormContext(
            form_id=form.form_id,
            command=where.command,
            channel=where.channel,
            language=form.language,
        )
        view = modal_view(form, context=context, close_label=t("slack.cancel", form.language))
        try:
            await where.client.views_open(trigger_id=where.trigger_id, view=view)
            return
        except SlackApiError as error:
            log.warning("views.open failed (%s); offering a button", error.response.get("error"))
    await post(open_form_button(form, command=where.command), where=where, ephemeral=True)


async def upload(file: File, *, where: Where) -> None:
    """Upload to the conversation; when the bot may not post there, to the user's DM."""
    args: dict[str, Any] = {
        "content": file.content,
        "filename": file.filename,
        "title": file.title,
    }
    if where.channel:
        try:
            await where.client.files_upload_v2(
                channel=where.channel, thread_ts=where.thread_ts, **args
            )
            return
        except SlackApiError as error:
            log.info(
                "upload to %s failed (%s); sending by DM",
                where.channel,
                error.response.get("error"),
            )
    opened = await where.client.conversations_open(users=where.user)
    dm = str(opened["channel"]["id"])
    await where.client.files_upload_v2(channel=dm, **args)
    if where.channel:
        note = Text(body=t("slack.file_sent_dm", file.language, filename=file.filename))
        await post(render_text(note), where=where, ephemeral=True)
