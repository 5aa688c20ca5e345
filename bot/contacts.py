"""Contact-log rules: validation, permissions, list/edit/delete, audit.

Being built (issue 3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.messages import Reply

if TYPE_CHECKING:
    from bot.conversation import Turn


async def handle(turn: Turn) -> list[Reply]:
    raise NotImplementedError


async def handle_form(turn: Turn) -> list[Reply]:
    raise NotImplementedError
