"""The core's neutral event types: one turn is a `Message` in and a list of `Reply` out.

Adapters translate their platform's payload into a `Message` and render each `Reply`
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
Platform = Literal["console", "slack", "teams"]


@dataclass(frozen=True, kw_only=True)
class Message:
    """What a user sent: a typed line, or the values of a submitted form."""

    user: str  # platform user id (Slack "U123", Teams aad id, console name)
    text: str = ""
    platform: Platform = "console"
    channel: str | None = None
    user_name: str | None = None
    # Submitted form values keyed by `FormField.name` (Slack modal, Teams card).
    form: Mapping[str, str | list[str] | bool | None] | None = None
    form_id: str | None = None  # which form was submitted, e.g. "contact"
    # An id the platform gives the submission, so a retried delivery is not stored twice.
    idempotency_key: str | None = None


class ReplyKind(StrEnum):
    TEXT = "text"
    ANSWER = "answer"
    FORM = "form"
    FORM_ERRORS = "form_errors"
    FILE = "file"
    ERROR = "error"


@dataclass(frozen=True, kw_only=True)
class Text:
    """A plain reply; `title` is shown emphasised above the body."""

    body: str
    title: str | None = None
    ephemeral: bool = True  # shown only to the asker where the platform can
    kind: ReplyKind = ReplyKind.TEXT


@dataclass(frozen=True, kw_only=True)
class Citation:
    municipality: str
    document: str
    section: str
    text: str
    score: float


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
    feedback_id: str | None = None  # set when helpful/not-helpful buttons can be offered
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
    kind: ReplyKind = ReplyKind.FORM_ERRORS


@dataclass(frozen=True, kw_only=True)
class File:
    """A document for the user (report DOCX/XLSX/HTML/CSV)."""

    filename: str
    content: bytes
    media_type: str
    title: str
    kind: ReplyKind = ReplyKind.FILE


@dataclass(frozen=True, kw_only=True)
class Error:
    """A user-facing error: `body` is safe to show and says how to fix the input."""

    body: str
    kind: ReplyKind = ReplyKind.ERROR


Reply = Text | Answer | Form | FormErrors | File | Error


class UserError(Exception):
    """Raised by handlers for input the user can fix; the text is shown as is.

    Carries already-localised, safe text (errbot's CommandError). Anything else that
    escapes a handler is logged with its stack and replaced by a fixed message.
    """

    def __init__(self, text: str, *, field_errors: Mapping[str, str] | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.field_errors = dict(field_errors or {})
