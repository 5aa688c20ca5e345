"""Teams end to end, documents: a report comes as a card with a signed download link."""

from __future__ import annotations

import datetime as dt

from tests.teams_server import (
    START,
    Teams,
    download,
)
from tests.teams_server import anonymous_roles as anonymous_roles  # the fixtures
from tests.teams_server import features as features
from tests.teams_server import teams as teams
from tests.teams_support import (
    card_texts,
)

# --- report download ---------------------------------------------------------------------


async def test_a_document_comes_as_a_card_with_a_signed_download_link(teams: Teams) -> None:
    posted = await teams.say("rapport testfil")
    card = posted[0].card
    assert card is not None
    texts = card_texts(card)
    assert texts[0] == "Nätverkets rapport 2026"
    assert "Länken gäller i 60 minuter." in texts
    (action,) = card["actions"]
    assert action["type"] == "Action.OpenUrl"
    url = action["url"]
    assert url.startswith(f"{teams.base}/teams/files/")

    status, body, headers = await download(url)
    assert status == 200
    assert body == "kommun;kontakter\nFalköping;12\n".encode()
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="rapport-2026.csv"' in headers["Content-Disposition"]
    assert headers["Cache-Control"] == "no-store"

    token = url.rsplit("/", 1)[1]
    forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    for bad in (f"{teams.base}/teams/files/{forged}", f"{teams.base}/teams/files/nonsense"):
        status, body, _ = await download(bad)
        assert status == 403
        assert b"rapport" not in body and b"kommun" not in body

    teams.clock.now = START + dt.timedelta(minutes=61)
    status, body, _ = await download(url)
    assert status == 403
    assert b"kommun" not in body


# --- the real report, delivered as a card with a download link ----------------------------


async def test_the_coordinators_report_comes_with_a_working_download_link(teams: Teams) -> None:
    coordinator = {"id": "29:1coord", "name": "Samordnaren", "aadObjectId": "coord"}
    posted = await teams.say("rapport 2026 csv", **{"from": coordinator})
    links = [
        action["url"]
        for p in posted
        if (card := p.card) is not None
        for action in card.get("actions", [])
        if action["type"] == "Action.OpenUrl"
    ]
    assert len(links) == 1, [p.body for p in posted]
    status, body, headers = await download(links[0])
    assert status == 200
    assert body  # the CSV the core produced
    assert headers["Content-Type"].startswith("text/csv")

    # Someone who is not the coordinator gets the core's refusal, and no link.
    refused = await teams.say("rapport 2026 csv")
    assert all(p.card is None for p in refused)
