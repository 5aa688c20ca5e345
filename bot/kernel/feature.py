"""The Feature: what one part of the bot adds to it, as data the kernel dispatches on.

A feature names its command words, its forms, the events it answers and its texts; the
kernel routes every event to the one feature that takes it and never imports a feature.
Adding a command is one entry in a feature's `commands`, not an edit to the kernel.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from bot.kernel.i18n import Catalog
from bot.kernel.messages import Feedback, Form, FormSubmit, HomeOpened, Language, Pick, Reply
from bot.kernel.turn import Turn

Handler = Callable[[Turn], Awaitable[list[Reply]]]
SubmitHandler = Callable[[Turn, FormSubmit], Awaitable[list[Reply]]]
FeedbackHandler = Callable[[Turn, Feedback], Awaitable[list[Reply]]]
HomeHandler = Callable[[Turn, HomeOpened], Awaitable[list[Reply]]]
PickHandler = Callable[[Turn, Pick], Awaitable[list[Reply]]]


@dataclass(frozen=True, kw_only=True)
class Command:
    """A command word's handler, and the language the word implies (None: detect it)."""

    handler: Handler
    language: Language | None = None


@dataclass(frozen=True, kw_only=True)
class FormSpec:
    """A form: how it looks to this user now, and what submitting it does."""

    build: Callable[[Turn], Awaitable[Form]]
    submit: SubmitHandler


@dataclass(frozen=True, kw_only=True)
class Feature:
    name: str
    texts: Catalog
    commands: Mapping[str, Command] = field(default_factory=dict)  # word (no slash) -> command
    forms: Mapping[str, FormSpec] = field(default_factory=dict)  # form id -> form
    questions: Handler | None = None  # plain text that is not a command
    feedback: FeedbackHandler | None = None
    pick: PickHandler | None = None
    home: HomeHandler | None = None
