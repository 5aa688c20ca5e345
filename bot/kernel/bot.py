"""One turn: route a `Message` to its handler and return the replies.

The one error boundary of the core lives here: a `UserError` becomes its safe text; any
other exception is logged with its stack and the user gets a fixed message.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from bot.features.contacts import handlers as contacts
from bot.features.network import handlers as network
from bot.features.questions import answers as questions
from bot.features.report import command as report_command
from bot.kernel.config import Settings
from bot.kernel.i18n import t
from bot.kernel.logging_setup import request_id
from bot.kernel.messages import Error, Message, Reply, Text, UserError
from bot.store.db import Database
from knowledge.index import PolicyIndex
from knowledge.language import Language, detect_language

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, kw_only=True)
class Services:
    """What handlers may use; built once by the composition root (adapters/cli.py)."""

    settings: Settings
    index: PolicyIndex
    db: Database
    clock: Callable[[], dt.datetime] = field(default=utc_now)  # a fake clock in tests


@dataclass(frozen=True, kw_only=True)
class Turn:
    """One message being handled, with what handlers need to answer it."""

    message: Message
    language: Language
    services: Services
    args: str  # the text after the command word ("" for a plain question: see `text`)

    @property
    def user(self) -> str:
        return self.message.user

    @property
    def is_coordinator(self) -> bool:
        return self.services.settings.is_coordinator(self.message.user)

    def t(self, key: str, /, **values: object) -> str:
        return t(key, self.language, **values)


Handler = Callable[[Turn], Awaitable[list[Reply]]]


async def _help(turn: Turn) -> list[Reply]:
    return [Text(title=turn.t("help.title"), body=turn.t("help.body"))]


# Command word -> (handler, language the word implies, or None to detect from the text).
COMMANDS: Mapping[str, tuple[Handler, Language | None]] = {
    "fraga": (questions.handle, None),
    "fråga": (questions.handle, None),
    "ask": (questions.handle, "en"),
    "kontakt": (contacts.handle, "sv"),
    "contact": (contacts.handle, "en"),
    "rapport": (report_command.handle, "sv"),
    "report": (report_command.handle, "en"),
    "natverk": (network.handle, "sv"),
    "nätverk": (network.handle, "sv"),
    "network": (network.handle, "en"),
    "hjalp": (_help, "sv"),
    "hjälp": (_help, "sv"),
    "help": (_help, "en"),
}

# Forms submitted from a modal or card, by form id.
FORMS: Mapping[str, Handler] = {
    "contact": contacts.handle_form,
}


def split_command(text: str, *, bare: bool) -> tuple[str | None, str]:
    """`/kontakt lista` -> ("kontakt", "lista"). With `bare` (Teams has no slash
    commands) a leading command word counts without its slash."""
    stripped = text.strip()
    if not stripped:
        return None, ""
    word, _, rest = stripped.partition(" ")
    if word.startswith("/"):
        return word[1:].lower(), rest.strip()
    if bare and word.lower() in COMMANDS:
        return word.lower(), rest.strip()
    return None, stripped


class Bot:
    """The platform-neutral bot: `await bot.handle(message)` -> replies."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def handle(self, message: Message) -> list[Reply]:
        language = detect_language(message.text)
        with request_id():  # one per turn (kept when the adapter set one for the request)
            try:
                return await self._route(message, language)
            except UserError as error:
                return [Error(body=error.text)]
            except Exception:
                log.exception("turn failed: platform=%s user=%s", message.platform, message.user)
                return [Error(body=t("error.internal", language))]

    async def _route(self, message: Message, language: Language) -> list[Reply]:
        if message.form_id is not None:
            handler = FORMS.get(message.form_id)
            if handler is None:
                raise UserError(t("error.unknown_command", language, command=message.form_id))
            return await handler(self._turn(message, language, ""))
        if len(message.text) > MAX_MESSAGE_CHARS:
            raise UserError(
                t("error.too_long", language, length=len(message.text), limit=MAX_MESSAGE_CHARS)
            )
        word, args = split_command(message.text, bare=message.platform == "teams")
        if word is None:
            if not args:
                return [Text(body=t("error.empty", language))]
            return await questions.handle(self._turn(message, language, args))
        entry = COMMANDS.get(word)
        if entry is None:
            raise UserError(t("error.unknown_command", language, command="/" + word))
        handler, implied = entry
        language = implied or (detect_language(args) if args else language)
        return await handler(self._turn(message, language, args))

    def _turn(self, message: Message, language: Language, args: str) -> Turn:
        return Turn(message=message, language=language, services=self.services, args=args)
