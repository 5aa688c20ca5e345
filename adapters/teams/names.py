"""The display name of a representative being registered, from the Teams mention.

`/natverk representant @Anna Berg Kultur` reaches the bot as the text
`natverk representant <at>Anna Berg</at> Kultur` and a mention entity naming who was
mentioned (`mentioned.id`, `mentioned.name`). The core keeps the name it is given at
registration: it is what an erasure later scrubs from free text (Slack asks users.info
for it, `adapters/slack/names.py`). So the mention that follows the command words is
written as `<@ID|Name>`, which the core's grammar reads as id and name.

Every field of the entity is the sender's to choose, so each is checked: the id must be
a user id the core accepts (the Entra object id, which is the id the core knows a Teams
user by: from the entity, or else from the connector's member lookup in `adapters.teams.bot`;
the channel account id only when neither gives it); the name loses
control and format characters and the `<`, `>`, `|` that would end the mention early,
and is cut to the length the core keeps. A mention that does not pass leaves the text
as it was; a name that comes to nothing registers the id without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bot.features.contacts import validation

_REGISTER = re.compile(
    r"^(?P<head>\s*/?(?:natverk|nätverk|network)\s+(?:representant|representative|rep|registrera)\s+)",
    re.IGNORECASE,
)
MAX_TAG = 400  # an `<at>…</at>` longer than this is no mention a person typed


def _clean_name(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value[: validation.MAX_DISPLAY_NAME * 4]  # bound the work on hostile input
    kept = "".join(c if c.isprintable() and c not in "<>|" else " " for c in value)
    name = " ".join(kept.split())[: validation.MAX_DISPLAY_NAME].strip()
    return name or None


def _user(mentioned: Mapping[str, Any]) -> str | None:
    for field in ("aadObjectId", "id"):
        value = mentioned.get(field)
        if isinstance(value, str) and validation.user_id(value) is not None:
            return value
    return None


def _registered(
    text: str, mentions: Iterable[Mapping[str, Any]]
) -> tuple[int, str, Mapping[str, Any]] | None:
    """Where a registration's command words end in `text`, and the tag and `mentioned`
    object of the mention right after them; None for any other text."""
    head = _REGISTER.match(text)
    if head is None:
        return None
    rest = text[head.end() :]
    for mention in mentions:
        tag = mention.get("text")
        mentioned = mention.get("mentioned")
        if not (isinstance(tag, str) and 0 < len(tag) <= MAX_TAG and tag.startswith("<at")):
            continue
        if rest.startswith(tag) and isinstance(mentioned, Mapping):
            return head.end(), tag, mentioned
    return None


def channel_account_only(text: str, mentions: Iterable[Mapping[str, Any]]) -> str | None:
    """The channel account id (`29:…`) of the person a registration mentions, when the
    mention carries no Entra object id, the id that person's own activities are known
    by. Teams often leaves it out of mentions; the connector's member lookup gives it."""
    found = _registered(text, mentions)
    if found is None or isinstance(found[2].get("aadObjectId"), str):
        return None
    account = found[2].get("id")
    return account if isinstance(account, str) and _user(found[2]) == account else None


def with_registered_name(text: str, mentions: Iterable[Mapping[str, Any]]) -> str:
    """`text` (the tags of the bot's own mention already taken out) with the mention
    right after a registration's command words as `<@ID|Name>`; else unchanged.
    `mentions`: the activity's mention entities (their `text` and `mentioned`)."""
    found = _registered(text, mentions)
    if found is None:
        return text
    end, tag, mentioned = found
    user = _user(mentioned)
    if user is None:
        return text
    name = _clean_name(mentioned.get("name"))
    written = f"<@{user}|{name}>" if name else f"<@{user}>"
    return text[:end] + written + text[end + len(tag) :]
