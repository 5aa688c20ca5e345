"""The bot: one event in, its replies out, through the one error boundary.

`Bot.handle` routes every kind of event (a typed line, a submitted form, a feedback
click, the home tab, a select field's option lookup) to the feature that takes it. A
`UserError` becomes its safe text; any other exception is logged once with its stack and
the user gets a fixed message in their language. Every reply leaves stamped with the
turn's language, so surfaces never decide the language themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from bot.kernel.feature import Command, Feature, FormSpec, Handler
from bot.kernel.grammar import fold, split_command
from bot.kernel.i18n import CATALOG, Catalog
from bot.kernel.logging_setup import request_id
from bot.kernel.messages import (
    Error,
    Event,
    Feedback,
    FormErrors,
    FormSubmit,
    HomeOpened,
    Language,
    Message,
    Options,
    OptionsQuery,
    Pick,
    Reply,
    Text,
    UserError,
)
from bot.kernel.turn import Services, Turn
from knowledge.language import detect_language

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000
OPTIONS_MAX = 100  # choices returned for one lookup (Slack shows at most 100)

T = TypeVar("T")


def _one(what: str, value: T | None, found: T | None) -> T | None:
    """At most one feature may answer plain questions, feedback or the home tab."""
    if value is not None and found is not None:
        raise ValueError(f"two features answer {what}")
    return value if value is not None else found


class Bot:
    """The platform-neutral bot: `await bot.handle(event)` -> replies."""

    def __init__(self, services: Services, features: Sequence[Feature]) -> None:
        self.services = services
        self.catalog = Catalog.merge([CATALOG, *(f.texts for f in features)])
        commands: dict[str, Command] = {}
        forms: dict[str, FormSpec] = {}
        questions = feedback = pick = home = None
        for feature in features:
            for word, command in feature.commands.items():
                if word in commands:
                    raise ValueError(f"command word {word!r} defined twice")
                commands[word] = command
            for form_id, spec in feature.forms.items():
                if form_id in forms:
                    raise ValueError(f"form {form_id!r} defined twice")
                forms[form_id] = spec
            questions = _one("plain questions", questions, feature.questions)
            feedback = _one("feedback", feedback, feature.feedback)
            pick = _one("picks", pick, feature.pick)
            home = _one("the home tab", home, feature.home)
        self.commands: Mapping[str, Command] = commands
        self.forms: Mapping[str, FormSpec] = forms
        self._questions = questions
        self._feedback = feedback
        self._pick = pick
        self._home = home

    async def handle(self, event: Event) -> list[Reply]:
        language = self.language_of(event)
        with request_id():  # one per turn (kept when the adapter set one for the request)
            try:
                replies = await self._route(event, language)
            except UserError as error:
                replies = [Error(body=error.text)]
            except Exception:
                log.exception(
                    "turn failed: event=%s platform=%s user=%s",
                    type(event).__name__,
                    event.platform,
                    event.user,
                )
                replies = [Error(body=self.catalog.t("error.internal", language))]
        return [replace(reply, language=language) for reply in replies]

    def language_of(self, event: Event) -> Language:
        """The language the turn answers in: the one its form, click or tab was shown in;
        for a typed line, implied by an English or Swedish command word, else detected."""
        if not isinstance(event, Message):
            return event.language
        word, args = self._split(event)
        command = self.commands.get(word) if word else None
        if command is not None and command.language is not None:
            return command.language
        return detect_language(args or event.text)

    def _split(self, message: Message) -> tuple[str | None, str]:
        bare = self.commands if message.capabilities.bare_commands else None
        return split_command(message.text, bare_words=bare)

    def _turn(self, event: Event, language: Language, args: str = "") -> Turn:
        return Turn(
            event=event,
            language=language,
            services=self.services,
            catalog=self.catalog,
            args=args,
        )

    async def _route(self, event: Event, language: Language) -> list[Reply]:
        turn = self._turn(event, language)
        match event:
            case Message():
                return await self._typed(event, language)
            case FormSubmit():
                return await self._submitted(turn, event)
            case OptionsQuery():
                return [Options(options=await self._options(turn, event))]
            case Feedback():
                return await self._needs(self._feedback, "feedback")(turn, event)
            case Pick():
                return await self._needs(self._pick, "picks")(turn, event)
            case HomeOpened():
                return await self._needs(self._home, "home")(turn, event)

    @staticmethod
    def _needs(handler: T | None, what: str) -> T:
        if handler is None:
            raise LookupError(f"no feature answers {what}")
        return handler

    async def _typed(self, message: Message, language: Language) -> list[Reply]:
        if len(message.text) > MAX_MESSAGE_CHARS:
            raise UserError(
                self.catalog.t(
                    "error.too_long", language, length=len(message.text), limit=MAX_MESSAGE_CHARS
                )
            )
        word, args = self._split(message)
        handler: Handler
        if word is None:
            if not args:
                return [Text(body=self.catalog.t("error.empty", language))]
            handler = self._needs(self._questions, "questions")
        else:
            command = self.commands.get(word)
            if command is None:
                raise UserError(
                    self.catalog.t("error.unknown_command", language, command="/" + word)
                )
            handler = command.handler
        return await handler(self._turn(message, language, args))

    def _form(self, form_id: str, language: Language) -> FormSpec:
        spec = self.forms.get(form_id)
        if spec is None:
            # A forged or outdated form id: named neither as a command nor echoed back.
            raise UserError(self.catalog.t("error.unknown_form", language))
        return spec

    async def _submitted(self, turn: Turn, submit: FormSubmit) -> list[Reply]:
        spec = self._form(submit.form_id, turn.language)
        replies = await spec.submit(turn, submit)
        if not any(isinstance(reply, FormErrors) for reply in replies):
            return replies
        # A rejected form goes back with the form itself, for surfaces that show it again.
        form = await spec.build(turn)
        return [replace(r, form=form) if isinstance(r, FormErrors) else r for r in replies]

    async def _options(self, turn: Turn, query: OptionsQuery) -> list[tuple[str, str]]:
        form = await self._form(query.form_id, turn.language).build(turn)
        field = next((f for f in form.fields if f.name == query.field), None)
        return matching_options(field.options, query.typed) if field else []


def matching_options(options: Sequence[tuple[str, str]], typed: str) -> list[tuple[str, str]]:
    """The options whose label or value contains what was typed (case and accents
    ignored), those starting with it first; at most `OPTIONS_MAX`."""
    wanted = fold(typed)
    starts: list[tuple[str, str]] = []
    contains: list[tuple[str, str]] = []
    for value, label in options:
        folded_label = fold(label)
        if not wanted or folded_label.startswith(wanted) or fold(value) == wanted:
            starts.append((value, label))
        elif wanted in folded_label:
            contains.append((value, label))
    return [*starts, *contains][:OPTIONS_MAX]


def create_bot(services: Services, features: Sequence[Feature]) -> Bot:
    return Bot(services, features)
