"""The core's neutral event types: one turn is an `Event` in and a list of `Reply` out.

Adapters translate their platform's payload into an `Event` and render each `Reply`
into Block Kit, Adaptive Cards or console text. Nothing here knows a platform SDK.
Every text field is *plain text*: adapters escape it for their markup, so user input
echoed back can never notify anyone or break formatting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Language = Literal["sv", "en"]
FormValue = str | list[str] | bool | None


@dataclass(frozen=True, kw_only=True)
class Capabilities:
    """What a surface can do, so the core decides by ability rather than platform name."""

    forms: bool = False  # can open a form (Slack modal, Teams card)
    bare_commands: bool = False  # a command word counts without its slash (Teams)
    user_id: str | None = None  # a regular expression the surface's user ids match


# --- inbound: what a user did -----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Inbound:
    """Who did something, and where."""

    user: str  # platform user id (Slack "U123", Teams aad id, console name)
    platform: str = "console"  # a label for logs and records; decisions use `capabilities`
    capabilities: Capabilities = Capabilities()
    channel: str | None = None
    user_name: str | None = None
    # The platform's id for this delivery (a Slack event or submission, a Teams activity):
    # what the turn stores is stored once per key, so a redelivered or re-run event
    # stores nothing twice.
    idempotency_key: str | None = None


@dataclass(frozen=True, kw_only=True)
class Message(Inbound):
    """A typed line: a question or a command."""

    text: str = ""


@dataclass(frozen=True, kw_only=True)
class FormSubmit(Inbound):
    """The values of a submitted form (Slack modal, Teams card), keyed by field name."""

    form_id: str
    values: Mapping[str, FormValue]
    language: Language = "sv"  # the language the form was shown in


@dataclass(frozen=True, kw_only=True)
class Feedback(Inbound):
    """A helpful / not helpful click on a policy answer."""

    question: str
    passage_id: str | None
    helpful: bool
    language: Language = "sv"


@dataclass(frozen=True, kw_only=True)
class Pick(Inbound):
    """The user picked one of the passages offered for a question the bot was unsure of
    (a button in Slack and Teams, a number in the console)."""

    question: str
    passage_id: str
    language: Language = "sv"


@dataclass(frozen=True, kw_only=True)
class HomeOpened(Inbound):
    """The user opened the bot's home tab (Slack App Home)."""

    language: Language = "sv"


@dataclass(frozen=True, kw_only=True)
class OptionsQuery(Inbound):
    """A form's select field asks for the choices matching what the user typed."""

    form_id: str
    field: str
    typed: str = ""
    language: Language = "sv"


Event = Message | FormSubmit | Feedback | Pick | HomeOpened | OptionsQuery


# --- outbound: what the bot replies ---------------------------------------------------
# Every reply carries the language of its turn (set by the kernel), so a surface renders
# its own labels in the same language without deciding the language itself.


class ReplyKind(StrEnum):
    TEXT = "text"
    ANSWER = "answer"
    FORM = "form"
    FORM_ERRORS = "form_errors"
    FILE = "file"
    ERROR = "error"
    HOME = "home"
    OPTIONS = "options"


@dataclass(frozen=True, kw_only=True)
class Text:
    """A plain reply; `title` is shown emphasised above the body."""

    body: str
    title: str | None = None
    ephemeral: bool = True  # shown only to the asker where the platform can
    language: Language = "sv"
    kind: ReplyKind = ReplyKind.TEXT


@dataclass(frozen=True, kw_only=True)
class Citation:
    municipality: str
    document: str
    section: str
    text: str
    score: float


@dataclass(frozen=True, kw_only=True)
class Suggestion:
    """A passage offered when the bot is unsure: shown by a short label, picked by id."""

    passage_id: str
    label: str


@dataclass(frozen=True, kw_only=True)
class Answer:
    """A policy answer: the quoted passage with its citation, and related passages.

    When `answered` is False, `passages` may hold near misses but must not be quoted as
    the answer; `body` then says plainly that the texts do not answer.
    """

    question: str
    language: Language
    answered: bool
    body: str  # the lead sentence in the user's language
    municipality: str | None
    passages: Sequence[Citation] = ()
    citation_label: str = ""  # e.g. "Källa" / "Source"
    related_label: str = ""  # e.g. "Relaterat" / "Related"
    helpful_label: str = ""  # the feedback buttons' labels
    not_helpful_label: str = ""
    feedback_id: str | None = None  # set when helpful/not-helpful buttons can be offered
    # When unsure: up to three passages to pick from ("menar du något av detta?").
    suggestions: Sequence[Suggestion] = ()
    ephemeral: bool = False
    kind: ReplyKind = ReplyKind.ANSWER


FieldType = Literal["text", "textarea", "date", "select", "multiselect", "number", "toggle"]


@dataclass(frozen=True, kw_only=True)
class FormField:
    name: str
    label: str
    type: FieldType = "text"
    required: bool = False
    options: Sequence[tuple[str, str]] = ()  # (value, label)
    initial: str | list[str] | bool | None = None
    placeholder: str | None = None
    hint: str | None = None


@dataclass(frozen=True, kw_only=True)
class Form:
    """A form to open (Slack modal, Teams card, console: a usage text)."""

    form_id: str
    title: str
    submit_label: str
    fields: Sequence[FormField]
    intro: str | None = None
    language: Language = "sv"
    kind: ReplyKind = ReplyKind.FORM


@dataclass(frozen=True, kw_only=True)
class FormErrors:
    """A submitted form was rejected: nothing was stored. Errors keyed by field name."""

    form_id: str
    errors: Mapping[str, str]
    summary: str  # every problem in one text, for surfaces without field errors
    form: Form | None = None  # the form itself, for surfaces that show it again (Teams)
    language: Language = "sv"
    kind: ReplyKind = ReplyKind.FORM_ERRORS


@dataclass(frozen=True, kw_only=True)
class File:
    """A document for the user (report DOCX/XLSX/HTML/CSV)."""

    filename: str
    content: bytes
    media_type: str
    title: str
    language: Language = "sv"
    kind: ReplyKind = ReplyKind.FILE


@dataclass(frozen=True, kw_only=True)
class Error:
    """A user-facing error: `body` is safe to show and says how to fix the input."""

    body: str
    language: Language = "sv"
    kind: ReplyKind = ReplyKind.ERROR


@dataclass(frozen=True, kw_only=True)
class Home:
    """The bot's home tab: who the user is in the network, and their latest entries."""

    title: str
    role: str
    intro: str
    latest_label: str
    latest: Sequence[Text | Error]  # the entries, or why there are none to show
    actions: Sequence[tuple[str, str]]  # (label, command the button runs)
    language: Language = "sv"
    kind: ReplyKind = ReplyKind.HOME


@dataclass(frozen=True, kw_only=True)
class Options:
    """The choices of a form's select field that match what the user typed."""

    options: Sequence[tuple[str, str]]  # (value, label)
    language: Language = "sv"
    kind: ReplyKind = ReplyKind.OPTIONS


Reply = Text | Answer | Form | FormErrors | File | Error | Home | Options


class UserError(Exception):
    """Raised by handlers for input the user can fix; the text is shown as is.

    Carries already-localised, safe text (errbot's CommandError). Anything else that
    escapes a handler is logged with its stack and replaced by a fixed message.
    """

    def __init__(self, text: str, *, field_errors: Mapping[str, str] | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.field_errors = dict(field_errors or {})
