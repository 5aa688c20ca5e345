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
from bot.kernel.messages import Error, Home, Text

HOME_BLOCKS_MAX = 100
HEADER_MAX = 150


def home_view(home: Home | Error) -> dict[str, Any]:
    """A `views.publish` home view. The first action is the primary one (the form); each
    button runs its command as if typed. An `Error` (the turn failed) is shown alone."""
    if isinstance(home, Error):
        return {"type": "home", "blocks": render_error(home).blocks[:HOME_BLOCKS_MAX]}
    buttons: list[Block] = []
    for n, (label, command) in enumerate(home.actions):
        button: Block = {
            "type": "button",
            "action_id": OPEN_FORM_ACTION if n == 0 else HELP_ACTION,
            "text": plain(label, BUTTON_TEXT_MAX),
            "value": command,
        }
        if n == 0:
            button["style"] = "primary"
        buttons.append(button)
    blocks: list[Block] = [
        {"type": "header", "text": plain(home.title, HEADER_MAX)},
        {"type": "section", "text": mrkdwn(escape(home.role))},
        {"type": "context", "elements": [mrkdwn(escape(home.intro))]},
        {"type": "actions", "block_id": "home_actions", "elements": buttons},
        {"type": "divider"},
        {"type": "section", "text": mrkdwn(f"*{escape(home.latest_label)}*")},
    ]
    room = HOME_BLOCKS_MAX - len(blocks)
    for reply in home.latest:
        if isinstance(reply, Text):
            rendered = render_text(reply, max_blocks=room)
        else:
            rendered = render_error(reply)
        blocks.extend(rendered.blocks[:room])
        room = HOME_BLOCKS_MAX - len(blocks)
        if room <= 0:
            break
    return {"type": "home", "blocks": blocks}
