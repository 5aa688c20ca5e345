"""A forged or malformed contact card submit through Teams, end to end with the real
contact log: a value in a shape no card sends (a list or an object where the card sends
a string), and text that must not be stored, gets a reply naming the field, and nothing
is stored."""

from __future__ import annotations

from typing import Any

import pytest

from tests.teams_server import Teams, choice, contacts_count, seen, submit_data
from tests.teams_server import anonymous_roles as anonymous_roles  # the fixtures
from tests.teams_server import features as features
from tests.teams_server import teams as teams

UNREADABLE = "kom inte fram som kortet skickar det, så inget sparades"
CASES: list[tuple[str, Any, str]] = [
    (
        "partner",
        ["Stadt", "Wetzlar"],
        f"Fältet ”partner” {UNREADABLE}",
    ),
    (
        "partner",
        {"text": "Stadt Wetzlar"},
        f"Fältet ”partner” {UNREADABLE}",
    ),
    (
        "date",
        ["2026-03-12"],
        f"Fältet ”date” {UNREADABLE}",
    ),
    ("partner", "Stadt \u202eraltzeW", "styrtecken"),
    ("description", "x" * 100_000, "för lång (100000 tecken; högst 3000)"),
    ("date", "1800-01-01", "för tidigt: kontaktloggen börjar 1950"),
    ("date", 20260312, "”20260312” är inget datum"),
]


@pytest.mark.parametrize(("field", "value", "expected"), CASES)
async def test_a_malformed_card_field_is_named_and_nothing_is_stored(
    teams: Teams, field: str, value: Any, expected: str
) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    await teams.say(
        "natverk representant aad-anna ny förvaltning Kulturförvaltningen", **{"from": coordinator}
    )
    card = (await teams.say("kontakt"))[0].card
    assert card is not None
    data = submit_data(
        card,
        date="2026-03-12",
        partner="Stadt Wetzlar",
        country=choice(card, "country", "Tyskland"),
        kind=choice(card, "kind", "Vänort"),
    )
    status, posted = await teams.send("card_submit", id="forged-1", value={**data, field: value})
    assert status == 201
    shown = seen(posted)
    assert expected in shown, shown
    assert "Något gick fel" not in shown
    assert await contacts_count(teams.services) == 0
