"""The core's `Form` as a Slack modal, and a submitted modal back as form values.

Block ids and action ids are the form's field names, so the core's `FormErrors` map
straight onto `response_action: errors`. Selects with more options than Slack allows in
a static menu (countries) become `external_select` menus fed by the `block_suggestion`
handler, which asks the core for the same form again: nothing is cached between requests.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adapters.slack.render import Block, cut_at_word, escape, plain, text_sections, truncate
from bot.kernel.messages import Form, FormField, Language, Text

FormValue = str | list[str] | bool | None

CALLBACK_PREFIX = "form:"
STATIC_OPTIONS_MAX = 100
OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150
VIEW_TITLE_MAX = 24
LABEL_MAX = 2000
HINT_MAX = 2000
PLACEHOLDER_MAX = 150
TEXT_INPUT_MAX = 3000
METADATA_MAX = 3000
TOGGLE_VALUE = "true"


@dataclass(frozen=True, kw_only=True)
class FormContext:
    """Kept in the modal's `private_metadata`: which form, the command that opened it
    (to fetch the options again), where it was opened and in which language."""

    form_id: str
    command: str
    channel: str | None
    language: Language

    def encode(self) -> str:
        data = {"f": self.form_id, "c": self.command, "ch": self.channel, "l": self.language}
        return json.dumps(data, ensure_ascii=False)[:METADATA_MAX]

    @classmethod
    def decode(cls, raw: str | None) -> FormContext | None:
        try:
            data = json.loads(raw or "")
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("f"), str):
            return None
        channel = data.get("ch")
        return cls(
            form_id=data["f"],
            command=str(data.get("c") or ""),
            channel=channel if isinstance(channel, str) else None,
            language="en" if data.get("l") == "en" else "sv",
        )


def option(value: str, label: str) -> dict[str, Any]:
    """An option; a label over Slack's 75 characters is cut after a whole word."""
    text = plain(cut_at_word(label, OPTION_TEXT_MAX), OPTION_TEXT_MAX)
    return {"text": text, "value": value[:OPTION_VALUE_MAX]}


def _label(field: FormField, value: str) -> str:
    return next((label for v, label in field.options if v == value), value)


def _initial_list(field: FormField) -> list[str]:
    if isinstance(field.initial, list):
        return [str(v) for v in field.initial]
    if isinstance(field.initial, str) and field.initial:
        return [field.initial]
    return []


def _select(field: FormField, *, multi: bool) -> dict[str, Any]:
    external = len(field.options) > STATIC_OPTIONS_MAX
    kind = ("multi_" if multi else "") + ("external_select" if external else "static_select")
    element: dict[str, Any] = {"type": kind, "action_id": field.name}
    if external:
        element["min_query_length"] = 0
    else:
        element["options"] = [option(v, label) for v, label in field.options]
    initial = [option(v, _label(field, v)) for v in _initial_list(field)]
    if initial:
        if multi:
            element["initial_options"] = initial
        else:
            element["initial_option"] = initial[0]
    return element


def _element(field: FormField) -> dict[str, Any]:
    """The Block Kit input element for one field."""
    element: dict[str, Any]
    match field.type:
        case "select":
            element = _select(field, multi=False)
        case "multiselect":
            element = _select(field, multi=True)
        case "date":
            element = {"type": "datepicker", "action_id": field.name}
            if isinstance(field.initial, str) and field.initial:
                element["initial_date"] = field.initial
        case "toggle":
            element = {
                "type": "checkboxes",
                "action_id": field.name,
                "options": [option(TOGGLE_VALUE, field.hint or field.label)],
            }
            if field.initial is True:
                element["initial_options"] = [option(TOGGLE_VALUE, field.hint or field.label)]
        case "number":
            element = {"type": "number_input", "action_id": field.name, "is_decimal_allowed": True}
            if field.initial not in (None, "", False, True):
                element["initial_value"] = str(field.initial)
        case _:
            element = {
                "type": "plain_text_input",
                "action_id": field.name,
                "multiline": field.type == "textarea",
                "max_length": TEXT_INPUT_MAX,
            }
            if isinstance(field.initial, str) and field.initial:
                element["initial_value"] = field.initial[:TEXT_INPUT_MAX]
    if field.placeholder and field.type not in ("toggle",):
        element["placeholder"] = plain(field.placeholder, PLACEHOLDER_MAX)
    return element


def _input_block(field: FormField) -> Block:
    block: Block = {
        "type": "input",
        "block_id": field.name,
        "label": plain(field.label, LABEL_MAX),
        "element": _element(field),
        # A checkbox left empty means "no", so toggles are never required.
        "optional": not field.required or field.type == "toggle",
    }
    if field.hint and field.type != "toggle":
        block["hint"] = plain(field.hint, HINT_MAX)
    return block


def modal_view(form: Form, *, context: FormContext, close_label: str) -> dict[str, Any]:
    """A `views.open` modal for the form; `callback_id` is `form:<form_id>`."""
    blocks: list[Block] = []
    if form.intro:
        blocks.extend(text_sections(escape(form.intro), max_blocks=3))
    blocks.extend(_input_block(f) for f in form.fields)
    return {
        "type": "modal",
        "callback_id": CALLBACK_PREFIX + form.form_id,
        "title": plain(form.title, VIEW_TITLE_MAX),
        "submit": plain(form.submit_label, VIEW_TITLE_MAX),
        "close": plain(close_label, VIEW_TITLE_MAX),
        "private_metadata": context.encode(),
        "blocks": blocks[:100],
    }


def text_modal(reply: Text, *, close_label: str) -> dict[str, Any]:
    """A read-only modal for a text reply (help from the App Home tab)."""
    body = escape(reply.body)
    return {
        "type": "modal",
        "title": plain(reply.title or "intbot", VIEW_TITLE_MAX),
        "close": plain(close_label, VIEW_TITLE_MAX),
        "blocks": text_sections(body, max_blocks=100),
    }


class MalformedField(ValueError):
    """A submitted block in a shape no modal sends (a list in a text input, an option
    without a value): refused on its field rather than stored as its `str()`."""

    def __init__(self, block_id: str) -> None:
        super().__init__(f"block {block_id!r} is not in the shape its element sends")
        self.block_id = block_id


def _scalar(value: object) -> str | None:
    """A text input's or date picker's value: a string, a number as its digits."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise TypeError(type(value).__name__)


def _option(selected: object) -> str:
    if isinstance(selected, Mapping) and isinstance(selected.get("value"), str):
        return str(selected["value"])
    raise TypeError("option without a value")


def _selected_value(item: Mapping[str, Any]) -> FormValue:
    kind = item.get("type")
    match kind:
        case "datepicker":
            return _scalar(item.get("selected_date"))
        case "checkboxes":
            chosen = item.get("selected_options") or []
            if not isinstance(chosen, list):
                raise TypeError("checkboxes without a list")
            return all(_option(o) for o in chosen) and bool(chosen)
        case "static_select" | "external_select" | "radio_buttons":
            selected = item.get("selected_option")
            return None if selected is None else _option(selected)
        case "multi_static_select" | "multi_external_select":
            chosen = item.get("selected_options") or []
            if not isinstance(chosen, list):
                raise TypeError("multi-select without a list")
            return [_option(o) for o in chosen]
        case _:
            return _scalar(item.get("value"))


def form_values(
    state_values: Mapping[str, Mapping[str, Mapping[str, Any]]],
) -> dict[str, FormValue]:
    """`view.state.values` ({block_id: {action_id: {...}}}) -> {field name: value};
    `MalformedField` for a block whose value is not in its element's shape."""
    values: dict[str, FormValue] = {}
    for block_id, actions in state_values.items():
        for item in actions.values():
            try:
                values[block_id] = _selected_value(item)
            except TypeError as error:
                raise MalformedField(block_id) from error
    return values


def field_errors(errors: Mapping[str, str], *, view: Mapping[str, Any]) -> dict[str, str]:
    """Errors keyed by block id. A problem with no block of its own (a rule across
    fields) is shown on the first input block so that it is never lost."""
    block_ids = [b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"]
    known = {str(b) for b in block_ids if b}
    result: dict[str, str] = {}
    stray: list[str] = []
    for name, message in errors.items():
        if name in known:
            result[name] = truncate(message, HINT_MAX)
        else:
            stray.append(message)
    if stray and block_ids:
        first = str(block_ids[0])
        result[first] = truncate(" ".join([*stray, result.get(first, "")]).strip(), HINT_MAX)
    return result
