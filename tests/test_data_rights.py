"""Data rights: export and erase round-trip, the report's figures unchanged by an erase,
retention purge, each audited (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import func, select

from adapters.cli import build_bot
from bot.features.privacy.data_rights import (
    PHONE,
    PSEUDONYM_PREFIX,
    erase_user,
    export_reply,
    export_user,
    new_pseudonym,
    purge_expired,
    row_dict,
)
from bot.features.report.figures import Labels, PeriodFigures, compile_report
from bot.features.report.periods import year_period
from bot.kernel.messages import File, Message, Text, UserError
from bot.kernel.turn import Services, Turn
from bot.store import downloads
from bot.store.db import Database
from bot.store.models import (
    AnswerFeedback,
    AuditEntry,
    Base,
    Contact,
    ConversationReference,
    Department,
    Representative,
    SentNotification,
)
from tests.ops_support import UTC, contact, seed_network

NOW = dt.datetime(2026, 4, 20, 8, tzinfo=UTC)
# Every table, so that a table added later is searched for traces too.
TABLES = tuple(mapper.class_ for mapper in Base.registry.mappers)


async def seed_people(db: Database) -> dict[str, int]:
    """The network, plus what bob leaves behind elsewhere: an edit of alice's entry, a
    name in free text, audit entries as actor and about him, feedback, a reminder."""
    network = await seed_network(db)
    skola = network.departments["Skola"]
    async with db.session() as s:
        mentioned = contact(
            network.departments["Kultur"],
            "alice",
            dt.date(2026, 3, 20),
            kind="delegation",
            country="EE",
            description="Möte med Tartu, Bob Berg höll i programmet",
            follow_up="bob berg skickar protokollet",
            updated_by="bob",
        )
        own = contact(skola, "bob", dt.date(2025, 10, 3), kind="project", country="FI")
        namesake = contact(
            network.departments["Kultur"],
            "alice",
            dt.date(2026, 3, 21),
            description="Besök av Bob Bergström från Tartu",
        )
        s.add_all([mentioned, own, namesake])
        await s.flush()
        seat = (
            await s.scalars(select(Representative).where(Representative.user_id == "bob"))
        ).one()
        s.add_all(
            [
                AuditEntry(
                    actor="coord",
                    action="create",
                    entity="representative",
                    entity_id=seat.id,
                    changes={"user_id": "bob", "display_name": "Bob Berg", "department": "Skola"},
                ),
                AuditEntry(
                    actor="bob",
                    action="create",
                    entity="contact",
                    entity_id=own.id,
                    changes={"new": {"partner": "Turku", "created_by": "bob"}},
                ),
                AuditEntry(
                    actor="bob",
                    action="update",
                    entity="contact",
                    entity_id=mentioned.id,
                    changes={"follow_up": [None, "bob berg skickar protokollet"]},
                ),
                AuditEntry(
                    actor="alice",
                    action="update",
                    entity="contact",
                    entity_id=mentioned.id,
                    changes={"partner": ["Tartu", "Tartu linn"]},
                ),
                AnswerFeedback(
                    user_id="bob", platform="slack", question="Vem tecknar avtal?", helpful=True
                ),
                AnswerFeedback(
                    user_id="alice", platform="slack", question="Vad är en vänort?", helpful=False
                ),
                SentNotification(
                    key="digest:2026-T1:bob",
                    kind="digest",
                    recipient="bob",
                    claimed_at=NOW,
                    claimed_by="test",
                    sent_at=NOW,
                ),
                ConversationReference(  # where Teams lets the bot write to him
                    platform="teams",
                    key="user:bob",
                    reference={"user": {"id": "29:1bob", "aadObjectId": "bob"}},
                    updated_at=NOW,
                ),
                ConversationReference(
                    platform="teams",
                    key="conversation:19:network@thread.tacv2",
                    reference={"conversation": {"id": "19:network@thread.tacv2"}},
                    updated_at=NOW,
                ),
            ]
        )
    return {"mentioned": mentioned.id, "own": own.id, "namesake": namesake.id}


async def report(db: Database) -> tuple[PeriodFigures, PeriodFigures]:
    """The network report's own figures for the years of the seeded entries."""
    compiled = await compile_report(
        db,
        period=year_period(2026),
        labels=Labels(kind=str, country=str),
        policy=None,
        language="sv",
        generated_at=NOW,
    )
    return compiled.current, compiled.previous


async def figures(db: Database) -> dict[str, Any]:
    """What the report counts: entries by department, country, kind and period, sums of
    participants, youth and funding, and how many people reported."""
    live = Contact.deleted_at.is_(None)
    out: dict[str, Any] = {}
    async with db.session() as s:
        for name, column in (
            ("department", Department.name),
            ("country", Contact.country),
            ("kind", Contact.kind),
            ("date", Contact.date),
        ):
            rows = await s.execute(
                select(column, func.count(), func.sum(Contact.participants))
                .select_from(Contact)
                .join(Department, Department.id == Contact.department_id)
                .where(live)
                .group_by(column)
                .order_by(column)
            )
            out[name] = [tuple(row) for row in rows]
        out["totals"] = tuple(
            (
                await s.execute(
                    select(
                        func.count(),
                        func.sum(Contact.funding_amount),
                        func.count(func.distinct(Contact.created_by)),
                        func.count(func.distinct(Contact.department_id)),
                    ).where(live)
                )
            ).one()
        )
        out["areas"] = sorted(map(tuple, (await s.scalars(select(Contact.areas))).all()))
    return out


async def everything(db: Database) -> str:
    """Every row of every table as text, to look for a person's traces."""
    async with db.session() as s:
        rows = [row_dict(r) for t in TABLES for r in (await s.scalars(select(t))).all()]
    return json.dumps(rows, ensure_ascii=False, default=str)


async def audits(db: Database, action: str) -> list[AuditEntry]:
    async with db.session() as s:
        return list((await s.scalars(select(AuditEntry).where(AuditEntry.action == action))).all())


async def test_export_gives_everything_stored_about_a_person(database: Database) -> None:
    ids = await seed_people(database)
    data = await export_user(database, user_id="bob", actor="coord", now=NOW)
    json.dumps(data)  # JSON-safe as it is
    assert data["user"] == "bob"
    [seat] = data["representative_seats"]
    assert seat["department"] == "Skola" and seat["display_name"] == "Bob Berg"
    roles = {c["id"]: c["roles"] for c in data["contacts"]}
    assert roles[ids["mentioned"]] == ["updated"]
    assert roles[ids["own"]] == ["created"]
    assert sorted(roles.values()) == [["created"], ["created", "deleted"], ["updated"]]
    assert {e["action"] for e in data["audit_entries_as_actor"]} == {"create", "update"}
    [about] = data["audit_entries_mentioning"]
    assert about["actor"] == "coord" and about["changes"]["user_id"] == "bob"
    assert [f["question"] for f in data["answer_feedback"]] == ["Vem tecknar avtal?"]
    assert [n["key"] for n in data["notifications"]] == ["digest:2026-T1:bob"]
    assert [c["key"] for c in data["conversation_references"]] == ["user:bob"]
    assert data["records"] == 1 + 3 + 2 + 1 + 1 + 1 + 1
    [audit] = await audits(database, "export")
    assert (audit.actor, audit.entity, audit.changes["user"]) == ("coord", "user", "bob")

    nobody = await export_user(database, user_id="nobody", actor="coord", now=NOW)
    assert nobody["records"] == 0


async def test_erase_pseudonymises_everywhere_and_keeps_the_figures(database: Database) -> None:
    ids = await seed_people(database)
    await export_user(database, user_id="bob", actor="coord", now=NOW)
    before = await figures(database)
    report_before = await report(database)
    assert report_before[0].total > 0 and report_before[1].total > 0  # 2026 and 2025
    # A report handed out as a link within the hour, quoting one of his entries.
    await downloads.keep(
        database, filename="rapport-2026.csv", media_type="text/csv",
        content="Möte med Bob Berg".encode(), now=NOW, expires=NOW + dt.timedelta(hours=1),
    )  # fmt: skip
    assert "Bob Berg" in await everything(database)

    erased = await erase_user(database, user_id="bob", actor="coord", now=NOW)
    alias = erased.pseudonym
    assert alias.startswith(PSEUDONYM_PREFIX)

    assert await figures(database) == before
    assert await report(database) == report_before
    text = await everything(database)
    assert '"bob"' not in text and "bob berg " not in text.casefold()
    assert ":bob" not in text  # nor inside the ledger's keys
    assert erased.counts["conversation_references"] == 1  # the bot no longer writes to him
    assert erased.counts["downloads"] == 1
    assert "19:network@thread.tacv2" in text  # the channel's reference stays

    again = await export_user(database, user_id="bob", actor="coord", now=NOW)
    assert again["records"] == 0
    data = await export_user(database, user_id=alias, actor="coord", now=NOW)
    [seat] = data["representative_seats"]
    assert seat["display_name"] is None
    assert seat["deleted_at"] is not None and seat["deleted_by"] == "coord"  # left the network
    # Their questions and feedback are gone; others' stay.
    assert len(data["contacts"]) == 3 and data["answer_feedback"] == []
    async with database.session() as s:
        mentioned = await s.get(Contact, ids["mentioned"])
        assert mentioned is not None
        assert mentioned.description == f"Möte med Tartu, {alias} höll i programmet"
        assert mentioned.follow_up == f"{alias} skickar protokollet"
        assert mentioned.updated_by == alias and mentioned.created_by == "alice"
        namesake = await s.get(Contact, ids["namesake"])
        assert namesake is not None
        assert namesake.description == "Besök av Bob Bergström från Tartu"  # someone else
        alice = (
            await s.scalars(select(AnswerFeedback).where(AnswerFeedback.user_id == "alice"))
        ).one()
        assert alice.question == "Vad är en vänort?"

    [audit] = await audits(database, "erase")
    assert audit.actor == "coord" and audit.entity == "user"
    assert audit.changes["pseudonym"] == alias and "bob" not in json.dumps(audit.changes)
    assert audit.changes["counts"]["contacts"] == 3
    assert audit.changes["counts"]["contact_texts"] == 1

    # The export that found nothing left no audit row naming him: erasing again finds
    # nothing, and leaves its own mark (the pseudonym only) in the audit trail.
    second = await erase_user(database, user_id="bob", actor="coord", now=NOW)
    assert {k: v for k, v in second.counts.items() if v} == {}
    assert '"bob"' not in await everything(database)
    assert len(await audits(database, "erase")) == 2


async def test_retention_purges_old_free_text_only(database: Database) -> None:
    network = await seed_network(database)
    kultur = network.departments["Kultur"]
    async with database.session() as s:
        old = contact(kultur, "alice", dt.date(2021, 4, 19), follow_up="Ring Anna 070-123")
        edge = contact(kultur, "alice", dt.date(2021, 4, 20))  # exactly five years: kept
        s.add_all([old, edge])
        await s.flush()
        s.add(
            AuditEntry(
                actor="alice",
                action="update",
                entity="contact",
                entity_id=old.id,
                changes={"description": ["x", "Skolutbyte åk 8"], "participants": [10, 12]},
            )
        )
    before = await figures(database)
    purge = await purge_expired(database, years=5, now=NOW, actor="coord")
    assert purge.cutoff == dt.date(2021, 4, 20)
    assert purge.contact_ids == [old.id] and purge.audit_entries == 1
    assert await figures(database) == before
    async with database.session() as s:
        purged = await s.get(Contact, old.id)
        kept = await s.get(Contact, edge.id)
        assert purged is not None and kept is not None
        assert (purged.description, purged.follow_up) == (None, None)
        assert purged.partner == "Stadt Wetzlar" and purged.participants == 12
        assert kept.description == "Skolutbyte åk 8"
        entry = (
            await s.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity_id == old.id, AuditEntry.action == "update"
                )
            )
        ).one()
        assert entry.changes == {"description": None, "participants": [10, 12]}
    [audit] = await audits(database, "purge")
    assert audit.actor == "coord" and audit.changes["contacts"] == [old.id]

    again = await purge_expired(database, years=5, now=NOW)
    assert not again.changed and len(await audits(database, "purge")) == 1


def turn(services: Services, user: str) -> Turn:
    catalog = build_bot(services).catalog
    return Turn(event=Message(user=user), language="sv", services=services, catalog=catalog)


async def test_export_in_chat_coordinator_and_self_only(services: Services) -> None:
    await seed_people(services.db)
    [reply] = await export_reply(turn(services, "coord"), "<@bob|Bob>")
    assert isinstance(reply, File)
    assert reply.filename == "intbot-export-bob.json" and reply.media_type == "application/json"
    assert json.loads(reply.content)["user"] == "bob"
    assert "bob" in reply.title and "(10 poster)" in reply.title

    [own] = await export_reply(turn(services, "bob"), "bob")
    assert isinstance(own, File)
    with pytest.raises(UserError, match="samordnaren"):
        await export_reply(turn(services, "alice"), "bob")
    with pytest.raises(UserError, match="/natverk export"):
        await export_reply(turn(services, "coord"), "  ")
    [empty] = await export_reply(turn(services, "coord"), "nobody")
    assert isinstance(empty, Text) and "nobody" in empty.body
    # No audit row names a person the bot holds nothing about.
    exports = await audits(services.db, "export")
    assert len(exports) == 2 and "nobody" not in json.dumps([e.changes for e in exports])


def test_cli_export_and_erase(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from adapters.cli import main
    from bot.store import migrate

    migrate.upgrade(db_url)

    async def seed() -> None:
        db = Database.connect(db_url)
        try:
            await seed_people(db)
        finally:
            await db.close()

    asyncio.run(seed())
    monkeypatch.setenv("INTBOT_DATABASE_URL", db_url)
    assert main(["data", "export", "bob"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["user"] == "bob" and data["records"] == 10

    assert main(["data", "erase", "bob"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("erased bob: ") and "contacts 3" in out
    assert PSEUDONYM_PREFIX not in out  # no id -> pseudonym map
    assert main(["data", "export", "bob"]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == 0

    assert main(["data", "erase"]) == 2
    assert main(["data", "purge"]) == 2  # no retention set and no --years
    for years in ("-1", "0", "x"):
        with pytest.raises(SystemExit):  # argparse: one usage line, no traceback
            main(["data", "purge", "--years", years])
        assert "--years" in capsys.readouterr().err
    assert main(["data", "purge", "--years", "50"]) == 0
    assert "cleared free text of 0 contacts" in capsys.readouterr().out


def test_a_pseudonym_is_never_read_as_a_phone_number() -> None:
    # Hex pseudonyms were all digits about once in 300 erasures ("raderad-046215893071"),
    # and the free-text scrub then blanked the pseudonym itself.
    for _ in range(2000):
        alias = new_pseudonym()
        assert PHONE.search(alias) is None, alias
