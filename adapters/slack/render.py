"""The core's replies as Block Kit.

Core text is plain text: everything is escaped for mrkdwn here (`&`, `<`, `>`), so user
input echoed back (`<!channel>`, `<@U123>`, `<https://evil|click>`) can never notify
anyone or turn into a link. Messages are never sent with `link_names` or `parse=full`,
so a bare `@here` stays text too. Every field is cut to Slack's documented limits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.kernel.messages import Answer, Citation, Error, FormErrors, Language, Text

Block = dict[str, Any]

# Slack's limits (https://docs.slack.dev/reference/block-kit/blocks).
SECTION_TEXT_MAX = 3000
CONTEXT_TEXT_MAX = 3000
BUTTON_TEXT_MAX = 75
BUTTON_VALUE_MAX = 2000
MESSAGE_BLOCKS_MAX = 50
VIEW_BLOCKS_MAX = 100
FALLBACK_TEXT_MAX = 3000
RELATED_TEXT_MAX = 300

FEEDBACK_ACTION_PREFIX = "answer_feedback_"
FEEDBACK_HELPFUL = FEEDBACK_ACTION_PREFIX + "yes"
FEEDBACK_NOT_HELPFUL = FEEDBACK_ACTION_PREFIX + "no"
PICK_ACTION_PREFIX = "answer_pick_"  # + the suggestion's number: ids are unique per block


@dataclass(frozen=True, kw_only=True)
class SlackMessage:
    """`text` is the notification fallback; `blocks` what Slack shows."""

    text: str
    blocks: list[Block] = field(default_factory=list)


def escape(text: str) -> str:
    """Plain text as inert mrkdwn: no mentions, no links, no broadcast."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")  # a cut `&amp;` / `&lt;` / `&gt;` at the end
# When a cut would lose more than this share of the text, cut inside the word instead.
_WORD_SLACK = 0.5


def _safe_end(text: str, end: int) -> int:
    """`end`, moved back so that `text[:end]` does not end inside an escape (`&am`)."""
    found = _ENTITY_TAIL.search(text[:end])
    return found.start() if found else end


def cut_at_word(text: str, limit: int) -> str:
    """At most `limit` characters: cut after the last whole word (never inside an
    escape), with "…" when anything was left out."""
    if len(text) <= limit:
        return text
    room = limit - 1
    head = text[:room]
    space = head.rfind(" ")
    if space >= room * _WORD_SLACK:
        head = head[:space]
    head = head[: _safe_end(head, len(head))]
    return head.rstrip(" ,;:–-") + "…"


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, cut anywhere but inside an escape (titles, labels);
    running text is cut with `cut_at_word`."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    return head[: _safe_end(head, len(head))].rstrip() + "…"


def mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": truncate(text, limit) or " ", "emoji": False}


def _split_point(text: str, limit: int) -> int:
    """Where to end a piece of at most `limit` characters: after the last line break,
    else the last space, else anywhere that is not inside an escape."""
    head = text[:limit]
    for separator in ("\n", " "):
        at = head.rfind(separator)
        if at > 0:
            return at
    return _safe_end(text, limit) or limit


def _chunks(text: str, limit: int) -> Iterator[str]:
    """Escaped text as pieces of at most `limit` characters, split at line breaks where
    possible, else between words, and never inside an escape (`&amp;`)."""
    rest = text
    while len(rest) > limit:
        at = _split_point(rest, limit)
        piece, rest = rest[:at], rest[at + 1 :] if rest[at] in "\n " else rest[at:]
        if piece.strip():
            yield piece
    if rest.strip():
        yield rest


# The last block of a message cut at Slack's block limit says so (Slack's own UI text).
_CUT_NOTE: Mapping[str, str] = {
    "sv": "… {n} avsnitt till får inte plats i Slack: resten finns i dokumentet (t.ex. docx).",
    "en": "… {n} more sections do not fit in Slack: the rest is in the document (e.g. docx).",
}


def text_sections(
    text: str, *, max_blocks: int = MESSAGE_BLOCKS_MAX, language: Language = "sv"
) -> list[Block]:
    """Already-escaped mrkdwn as section blocks within Slack's per-block limit; when
    they are more than `max_blocks`, the last one says how much is left out."""
    blocks = [
        {"type": "section", "text": mrkdwn(chunk)} for chunk in _chunks(text, SECTION_TEXT_MAX)
    ]
    if len(blocks) > max_blocks:
        left = len(blocks) - (max_blocks - 1)
        note = _CUT_NOTE.get(language, _CUT_NOTE["sv"]).format(n=left)
        blocks = [*blocks[: max_blocks - 1], {"type": "section", "text": mrkdwn(note)}]
    return blocks


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in escape(text).split("\n"))


def citation_line(answer: Answer, passage: Citation) -> str:
    return escape(
        f"{answer.citation_label}: {passage.municipality}, {passage.document}, {passage.section}"
    )


def feedback_value(*, passage_id: str, question: str, language: Language) -> str:
    """The button value: passage id, language and as much of the question as fits."""
    value = {"p": passage_id, "l": language, "q": question}
    encoded = json.dumps(value, ensure_ascii=False)
    while len(encoded) > BUTTON_VALUE_MAX:
        excess = len(encoded) - BUTTON_VALUE_MAX
        value["q"] = value["q"][: max(0, len(value["q"]) - excess - 1)]
        encoded = json.dumps(value, ensure_ascii=False)
    return encoded


@dataclass(frozen=True, kw_only=True)
class Feedback:
    passage_id: str | None
    question: str
    language: Language
    helpful: bool


def parse_feedback(*, action_id: str, value: str) -> Feedback:
    data: Mapping[str, Any] = json.loads(value)
    language: Language = "en" if data.get("l") == "en" else "sv"
    passage = data.get("p")
    return Feedback(
        passage_id=str(passage) if passage is not None else None,
        question=str(data.get("q", "")),
        language=language,
        helpful=action_id == FEEDBACK_HELPFUL,
    )


def _feedback_buttons(answer: Answer) -> Block:
    assert answer.feedback_id is not None
    value = feedback_value(
        passage_id=answer.feedback_id, question=answer.question, language=answer.language
    )
    return {
        "type": "actions",
        "block_id": "answer_feedback",
        "elements": [
            {
                "type": "button",
                "action_id": FEEDBACK_HELPFUL,
                "text": plain(answer.helpful_label, BUTTON_TEXT_MAX),
                "value": value,
            },
            {
                "type": "button",
                "action_id": FEEDBACK_NOT_HELPFUL,
                "text": plain(answer.not_helpful_label, BUTTON_TEXT_MAX),
                "value": value,
            },
        ],
    }


def render_answer(answer: Answer) -> SlackMessage:
    """Lead sentence, the quote, its citation, related passages, feedback buttons."""
    blocks: list[Block] = [
        {"type": "section", "text": mrkdwn(cut_at_word(escape(answer.body), SECTION_TEXT_MAX))}
    ]
    fallback = answer.body
    if answer.answered and answer.passages:
        top, *related = answer.passages
        blocks.append(
            {"type": "section", "text": mrkdwn(cut_at_word(_quote(top.text), SECTION_TEXT_MAX))}
        )
        blocks.append(
            {
                "type": "context",
                "elements": [mrkdwn(cut_at_word(citation_line(answer, top), CONTEXT_TEXT_MAX))],
            }
        )
        fallback = f"{answer.body}\n{top.text}"
        if related:
            lines = [f"*{escape(answer.related_label)}*"]
            lines.extend(
                "• "
                + escape(f"{p.municipality}, {p.document}, {p.section}: ")
                + escape(cut_at_word(p.text, RELATED_TEXT_MAX))
                for p in related
            )
            blocks.append(
                {"type": "section", "text": mrkdwn(cut_at_word("\n".join(lines), SECTION_TEXT_MAX))}
            )
    if answer.suggestions:
        blocks.append(_pick_buttons(answer))
        fallback += "\n" + "\n".join(f"{n}. {s.label}" for n, s in enumerate(answer.suggestions, 1))
    if answer.feedback_id is not None:
        blocks.append(_feedback_buttons(answer))
    return SlackMessage(text=cut_at_word(escape(fallback), FALLBACK_TEXT_MAX), blocks=blocks)


def _pick_buttons(answer: Answer) -> Block:
    """One button per suggested passage; a click shows it (and is recorded)."""
    return {
        "type": "actions",
        "block_id": "answer_pick",
        "elements": [
            {
                "type": "button",
                "action_id": f"{PICK_ACTION_PREFIX}{n}",
                "text": plain(suggestion.label, BUTTON_TEXT_MAX),
                "value": feedback_value(
                    passage_id=suggestion.passage_id,
                    question=answer.question,
                    language=answer.language,
                ),
            }
            for n, suggestion in enumerate(answer.suggestions, 1)
        ],
    }


def render_text(reply: Text, *, max_blocks: int = MESSAGE_BLOCKS_MAX) -> SlackMessage:
    body = escape(reply.body)
    if reply.title:
        body = f"*{escape(reply.title)}*\n{body}"
    fallback = f"{reply.title}\n{reply.body}" if reply.title else reply.body
    return SlackMessage(
        text=cut_at_word(escape(fallback), FALLBACK_TEXT_MAX),
        blocks=text_sections(body, max_blocks=max_blocks, language=reply.language),
    )


def render_error(reply: Error) -> SlackMessage:
    body = ":warning: " + escape(reply.body)
    return SlackMessage(
        text=cut_at_word(escape(reply.body), FALLBACK_TEXT_MAX), blocks=text_sections(body)
    )


def render_form_errors(reply: FormErrors) -> SlackMessage:
    """For surfaces without the modal (the summary names every problem)."""
    return render_error(Error(body=reply.summary))


def plain_lines(items: Sequence[str]) -> str:
    return "\n".join(escape(item) for item in items)
