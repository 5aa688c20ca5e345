"""The display name of a representative being registered, fetched from Slack.

`/natverk representant <@U1|anna> Kultur` reaches the adapter as markup whose label
Slack may leave out (or that `from_slack_text` drops), and the core keeps the name it is
given at registration: it is what an erasure later scrubs from free text. So before the
turn runs, the adapter asks `users.info` for the person's name and writes the mention
back as `<@U1|Anna Berg>`, which the core's grammar reads as id and name. A lookup that
fails leaves the text as it was (registered without a name), with one log line.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

_REGISTER = re.compile(
    r"^(?P<head>/?(?:natverk|nätverk|network)\s+(?:representant|representative|rep|registrera)\s+)"
    r"(?P<user>[UW][A-Z0-9]{2,30})(?P<tail>\s+\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _name(user: dict[str, Any]) -> str | None:
    profile = user.get("profile") or {}
    for value in (profile.get("real_name"), profile.get("display_name"), user.get("real_name")):
        if isinstance(value, str) and value.strip():
            # `|` and `>` would end the mention's label early.
            return " ".join(value.replace("|", " ").replace(">", " ").split())[:200]
    return None


async def with_registered_name(text: str, client: AsyncWebClient) -> str:
    """`text` with the registered user's Slack name in the mention, when it is a
    registration and Slack knows them; else `text` unchanged."""
    found = _REGISTER.match(text)
    if found is None:
        return text
    user_id = found["user"]
    try:
        answer = await client.users_info(user=user_id)
    except (SlackApiError, aiohttp.ClientError, OSError, TimeoutError) as error:
        log.warning("users.info for %s failed: %s", user_id, str(error).splitlines()[0])
        return text
    user = answer.get("user")
    name = _name(user) if isinstance(user, dict) else None
    if name is None:
        return text
    return f"{found['head']}<@{user_id}|{name}>{found['tail']}"
