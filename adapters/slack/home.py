"""The App Home tab: who you are in the network, your latest entries, and buttons for
the contact form and the help."""

from __future__ import annotations

from typing import Any

from adapters.slack.deliver import HELP_ACTION, OPEN_FORM_ACTION
from adapters.slack.render import (
    BUTTON_TEXT_MAX,
    Block,
    escape,
    mrkdwn,
    plain,
    render_error,
    render_text,
)
from bot.kernel.messages import Error, Reply, Text

HOME_BLOCKS_MAX = 100
HEADER_MAX = 150


def home_view(
    *,
    title: str,
    role: str,
    intro: str,
    latest_label: str,
    latest: list[Reply],
    form_label: str,
    form_command: str,
    help_label: str,
    help_command: str,
) -> dict[str, Any]:
    """A `views.publish` home view. `latest` is what the core answers to the list
    command: the entries (Text) or why there are none to show (Error)."""
    blocks: list[Block] = [
        {"type": "header", "text": plain(title, HEADER_MAX)},
        {"type": "section", "text": mrkdwn(escape(role))},
        {"type": "context", "elements": [mrkdwn(escape(intro))]},
        {
            "type": "actions",
            "block_id": "home_actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": OPEN_FORM_ACTION,
                    "style": "primary",
                    "text": plain(form_label, BUTTON_TEXT_MAX),
                    "value": form_command,
                },
                {
                    "type": "button",
                    "action_id": HELP_ACTION,
                    "text": plain(help_label, BUTTON_TEXT_MAX),
                    "value": help_command,
                },
            ],
        },
        {"type": "divider"},
        {"type": "section", "text": mrkdwn(f"*{escape(latest_label)}*")},
    ]
    room = HOME_BLOCKS_MAX - len(blocks)
    for reply in latest:
        match reply:
            case Text():
                rendered = render_text(reply, max_blocks=room)
            case Error():
                rendered = render_error(reply)
            case _:
                continue
        blocks.extend(rendered.blocks[:room])
        room = HOME_BLOCKS_MAX - len(blocks)
        if room <= 0:
            break
    return {"type": "home", "blocks": blocks}
