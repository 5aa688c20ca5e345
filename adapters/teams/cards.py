"""The core's replies as Teams content: Adaptive Cards (as JSON dicts) or escaped text.

Pure functions, no botbuilder: `render(reply, ...)` -> `Rendered` (a markdown text or a
card). Every piece of core text in a card goes into a `TextRun` of a `RichTextBlock`,
which Adaptive Cards never interpret as markdown, so a partner called `**<at>x</at>**`
shows as typed. Plain message text is escaped for Teams markdown and HTML.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from adapters.teams.texts import t
from bot.kernel.messages import (
    Answer,
    Error,
    File,
    Form,
    FormErrors,
    FormField,
    Language,
    Reply,
    Text,
)

Card = dict[str, Any]
FormValue = str | list[str] | bool | None

CARD_SCHEMA: Final = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION: Final = "1.5"
# The marker in `Action.Submit` data that says what a submit means.
ACTION_KEY: Final = "intbot"
FORM_ACTION: Final = "form"
FEEDBACK_ACTION: Final = "feedback"
PICK_ACTION: Final = "pick"
# Submit data keys that are ours, not form fields.
RESERVED_KEYS: Final = frozenset({ACTION_KEY, "form_id", "lang", "types"})
FILTERED_CHOICES_FROM = 12  # longer option lists get a type-to-filter box
QUESTION_KEEP_CHARS = 1000
# Teams refuses a message over about 28 KB (card JSON included); keep well below it.
CARD_BYTES_MAX: Final = 24_000
# The longest text a card's input takes: the contact log's limit for free text, so the
# card never accepts what chat and the Slack modal refuse.
TEXT_INPUT_MAX: Final = 3000
_CUT_NOTE: Final = {
    "sv": "… {n} delar till får inte plats i Teams: resten finns i dokumentet (t.ex. docx).",
    "en": "… {n} more parts do not fit in Teams: the rest is in the document (e.g. docx).",
}


@dataclass(frozen=True, kw_only=True)
class Rendered:
    """One outgoing Teams message: markdown `text`, or a `card` (with `text` as summary)."""

    text: str | None = None
    card: Card | None = None


# --- text --------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_~\[\]{}|#])")
_MD_LINE_START = re.compile(r"^(\s*)([-+>=]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Plain text -> Teams markdown that shows exactly that text.

    HTML-significant characters become entities (so `<at>` mentions nothing), markdown
    punctuation is backslash-escaped, leading spaces are kept as non-breaking spaces
    (no accidental code blocks) and each line becomes its own paragraph.
    """
    lines = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        line = html.escape(raw, quote=False)
        line = _MD_INLINE.sub(r"\\\1", line)
        line = _MD_LINE_START.sub(r"\1\\\2", line)
        stripped = line.lstrip(" ")
        lines.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    return "\n\n".join(lines)


def _text_message(body: str, title: str | None = None, *, language: Language = "sv") -> Rendered:
    """Escaped markdown within Teams' message size: whole paragraphs are left out from
    the end when it is too long, and the last paragraph says so."""
    parts = [f"**{escape_markdown(title)}**"] if title else []
    parts.extend(escape_markdown(body).split("\n\n"))
    text = "\n\n".join(parts)
    total = len(parts)
    while len(text.encode()) > CARD_BYTES_MAX and len(parts) > 1:
        parts.pop()
        note = _CUT_NOTE.get(language, _CUT_NOTE["sv"]).format(n=total - len(parts))
        text = "\n\n".join([*parts, escape_markdown(note)])
    if len(text.encode()) > CARD_BYTES_MAX:  # one paragraph alone is too long
        text = text.encode()[:CARD_BYTES_MAX].decode(errors="ignore").rsplit(" ", 1)[0] + "…"
    return Rendered(text=text)


# --- card building blocks ----------------------------------------------------------


def plain(
    text: str,
    *,
    weight: str | None = None,
    size: str | None = None,
    color: str | None = None,
    italic: bool = False,
    subtle: bool = False,
    spacing: str | None = None,
    element_id: str | None = None,
) -> Card:
    """Text shown exactly as given (a TextRun is never markdown)."""
    run: Card = {"type": "TextRun", "text": text}
    if weight:
        run["weight"] = weight
    if size:
        run["size"] = size
    if color:
        run["color"] = color
    if italic:
        run["italic"] = True
    if subtle:
        run["isSubtle"] = True
    block: Card = {"type": "RichTextBlock", "inlines": [run]}
    if spacing:
        block["spacing"] = spacing
    if element_id:
        block["id"] = element_id
    return block


def card_bytes(content: Card) -> int:
    return len(json.dumps(content, ensure_ascii=False).encode())


def card(
    body: Sequence[Card],
    actions: Sequence[Card] = (),
    *,
    summary: str,
    language: Language = "sv",
) -> Rendered:
    """A card within Teams' size limit: body elements that do not fit are left out from
    the end, and the last element says so."""
    content: Card = {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": list(body),
        "msteams": {"width": "Full"},
    }
    if actions:
        content["actions"] = list(actions)
    kept = list(body)
    while card_bytes(content) > CARD_BYTES_MAX and len(kept) > 1:
        kept.pop()
        note = _CUT_NOTE.get(language, _CUT_NOTE["sv"]).format(n=len(body) - len(kept))
        content["body"] = [*kept, plain(note, subtle=True)]
    if card_bytes(content) > CARD_BYTES_MAX:  # one element alone too big: cut its text
        content["body"] = [_cut_element(kept[0], CARD_BYTES_MAX // 2)]
    return Rendered(card=content, text=summary[:TEXT_INPUT_MAX])


def _cut_element(element: Card, limit: int) -> Card:
    """A RichTextBlock whose runs are cut to `limit` characters in all."""
    inlines = element.get("inlines")
    if not isinstance(inlines, list):
        return plain("…")
    runs = [{**run, "text": str(run.get("text", ""))[:limit] + "…"} for run in inlines[:1]]
    return {**element, "inlines": runs}


# --- notices -----------------------------------------------------------------------


def render_notice(text: str, *, form_command: str | None, language: Language) -> Rendered:
    """A reminder or notice sent unprompted: the text, and when `form_command` is set a
    button that sends that command as if typed (imBack), so the form card comes back."""
    if form_command is None:
        return _text_message(text)
    body = [plain(line) for line in text.splitlines() if line.strip()]
    action: Card = {
        "type": "Action.Submit",
        "title": t("teams.open_form", language),
        "data": {"msteams": {"type": "imBack", "value": form_command}},
    }
    return card(body, [action], summary=text.splitlines()[0] if text else "")


# --- answers -----------------------------------------------------------------------


def render_answer(answer: Answer) -> Rendered:
    body: list[Card] = [plain(answer.body, weight="Bolder", size="Medium")]
    actions: list[Card] = []
    if answer.answered and answer.passages:
        top, *related = answer.passages
        body.append(
            {
                "type": "Container",
                "style": "emphasis",
                "items": [plain(top.text, italic=True)],
            }
        )
        body.append(
            plain(
                f"{answer.citation_label}: {top.municipality}, {top.document}, {top.section}",
                subtle=True,
                size="Small",
            )
        )
        if related:
            body.append(plain(f"{answer.related_label}:", weight="Bolder", spacing="Medium"))
            body.extend(
                plain(f"{p.municipality}, {p.document}, {p.section}: {p.text}", size="Small")
                for p in related
            )
    if answer.suggestions:
        actions = [_pick_action(answer, s.passage_id, s.label) for s in answer.suggestions]
    if answer.feedback_id is not None:
        actions = [
            _feedback_action(answer, helpful=True),
            _feedback_action(answer, helpful=False),
        ]
    return card(body, actions, summary=answer.body)


def _pick_action(answer: Answer, passage_id: str, label: str) -> Card:
    """A suggested passage as a button: a click shows it (and is recorded)."""
    return {
        "type": "Action.Submit",
        "title": label,
        "data": {
            ACTION_KEY: PICK_ACTION,
            "passage_id": passage_id,
            "question": answer.question[:QUESTION_KEEP_CHARS],
            "lang": answer.language,
        },
    }


def _feedback_action(answer: Answer, *, helpful: bool) -> Card:
    return {
        "type": "Action.Submit",
        "title": answer.helpful_label if helpful else answer.not_helpful_label,
        "data": {
            ACTION_KEY: FEEDBACK_ACTION,
            "helpful": helpful,
            "passage_id": answer.feedback_id,
            "question": answer.question[:QUESTION_KEEP_CHARS],
            "lang": answer.language,
        },
    }


# --- forms -------------------------------------------------------------------------


def _initial(value: FormValue, field: FormField) -> str | None:
    """A value as the card input wants it: strings, comma-joined lists, "true"/"false"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value)
    if field.type == "toggle":
        return "true" if value.strip().lower() in {"true", "ja", "yes", "1"} else "false"
    return value


def _choices(field: FormField) -> list[Card]:
    return [{"title": label, "value": value} for value, label in field.options]


def _input(field: FormField, value: FormValue) -> Card:
    element: Card = {"id": field.name}
    if field.type == "toggle":
        element.update(type="Input.Toggle", title=field.label, valueOn="true", valueOff="false")
    else:
        element["label"] = field.label
        element["isRequired"] = field.required
        match field.type:
            case "text" | "textarea":
                element.update(
                    type="Input.Text",
                    isMultiline=field.type == "textarea",
                    maxLength=TEXT_INPUT_MAX,
                )
            case "date":
                element["type"] = "Input.Date"
            case "number":
                element["type"] = "Input.Number"
            case "select" | "multiselect":
                many = len(field.options) >= FILTERED_CHOICES_FROM
                element.update(
                    type="Input.ChoiceSet",
                    choices=_choices(field),
                    isMultiSelect=field.type == "multiselect",
                    style="filtered" if many and field.type == "select" else "compact",
                )
    if field.placeholder and field.type != "toggle":
        element["placeholder"] = field.placeholder
    initial = _initial(value, field)
    if initial is not None and initial != "":
        element["value"] = initial
    return element


def render_form(
    form: Form,
    *,
    values: Mapping[str, FormValue] | None = None,
    errors: Mapping[str, str] | None = None,
    summary: str | None = None,
) -> Rendered:
    """The form as a card; with `values` and `errors`, the same card after a rejected
    submit: the user's values kept, each error next to its field, a summary on top."""
    errors = errors or {}
    body: list[Card] = [plain(form.title, weight="Bolder", size="Medium")]
    if summary:
        body.append(plain(summary, color="Attention", element_id="errors"))
    if form.intro:
        body.append(plain(form.intro, subtle=True))
    for field in form.fields:
        value = values.get(field.name, field.initial) if values is not None else field.initial
        body.append(_input(field, value))
        if field.hint:
            body.append(plain(field.hint, subtle=True, size="Small", spacing="None"))
        if field.name in errors:
            body.append(
                plain(
                    errors[field.name],
                    color="Attention",
                    size="Small",
                    spacing="None",
                    element_id=f"{field.name}-error",
                )
            )
    # Errors for names that are not fields of the form still must be seen.
    stray = [message for name, message in errors.items() if name not in _names(form)]
    body.extend(plain(message, color="Attention") for message in stray)
    types = {f.name: f.type for f in form.fields if f.type in {"multiselect", "toggle"}}
    submit: Card = {
        "type": "Action.Submit",
        "title": form.submit_label,
        "style": "positive",
        "data": {
            ACTION_KEY: FORM_ACTION,
            "form_id": form.form_id,
            "lang": form.language,
            "types": types,
        },
    }
    return card(body, [submit], summary=form.title, language=form.language)


def _names(form: Form) -> set[str]:
    return {f.name for f in form.fields}


class MalformedInput(ValueError):
    """A submitted input in a shape no card sends (a list or an object where Adaptive
    Cards send a string): refused by name rather than stored as its `str()`."""

    def __init__(self, name: str) -> None:
        super().__init__(f"input {name!r} is not a string")
        self.name = name


def submitted_values(value: Mapping[str, Any]) -> dict[str, FormValue]:
    """A card submit's `value` -> the core's form values (ours removed, types restored).

    Adaptive Cards submit every input as a string: a multi-select as "a,b", a toggle as
    "true"/"false", an untouched input as "" or not at all; a number is read as its
    digits, anything else is `MalformedInput`.
    """
    types = value.get("types")
    kinds: Mapping[str, Any] = types if isinstance(types, Mapping) else {}
    result: dict[str, FormValue] = {}
    for name, raw in value.items():
        if name in RESERVED_KEYS or not isinstance(name, str):
            continue
        if raw is not None and not isinstance(raw, str | int | float):
            raise MalformedInput(name)  # a list or an object: never its str()
        text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
        text = text.strip()
        match kinds.get(name):
            case "multiselect":
                result[name] = [part for part in (p.strip() for p in text.split(",")) if part]
            case "toggle":
                result[name] = text.lower() == "true"
            case _:
                result[name] = text or None
    return result


# --- files -------------------------------------------------------------------------


def render_file(file: File, *, url: str | None, language: Language, ttl_minutes: int) -> Rendered:
    size_kb = max(1, round(len(file.content) / 1024))
    body = [
        plain(file.title, weight="Bolder", size="Medium"),
        plain(f"{file.filename} ({size_kb} kB)", subtle=True),
    ]
    if url is None:
        body.append(plain(t("teams.file_unavailable", language), color="Attention"))
        return card(body, summary=file.title)
    body.append(plain(t("teams.link_expires", language, minutes=ttl_minutes), size="Small"))
    action = {"type": "Action.OpenUrl", "title": t("teams.download", language), "url": url}
    return card(body, [action], summary=file.title)


# --- any reply ---------------------------------------------------------------------


def render(
    reply: Reply, *, language: Language, url: str | None = None, ttl_minutes: int
) -> Rendered:
    """One reply as one Teams message. `FormErrors` alone (without its form) becomes its
    summary as text; the turn handler re-renders the form card where it can. `url` is
    where a `File` reply was published (None: it could not be)."""
    match reply:
        case Answer():
            return render_answer(reply)
        case Form():
            return render_form(reply)
        case FormErrors():
            return _text_message(reply.summary)
        case File():
            return render_file(reply, url=url, language=language, ttl_minutes=ttl_minutes)
        case Text():
            return _text_message(reply.body, reply.title, language=reply.language)
        case Error():
            return _text_message(reply.body)
    raise TypeError(f"unknown reply {reply!r}")
