"""Issue 13 §6: after `intbot data erase`, a dump of the whole database (SQLite's
`.dump`, PostgreSQL's rows through SQL) holds none of the person's names, e-mail
address, phone number or id; others' entries that name them are shown first and
scrubbed on the coordinator's word; export covers those mentions."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.features.privacy.data_rights import erase_user, export_user
from bot.store import migrate
from bot.store.db import Database, sync_url
from bot.store.models import AnswerFeedback, AuditEntry, Department, Representative
from tests.ops_support import UTC, contact

NOW = dt.datetime(2026, 4, 20, 8, tzinfo=UTC)
USER = "U0KARIN42"
NAME = "Karin Öberg"
EMAIL = "karin.oberg@motala.se"
PHONE = "070-123 45 67"
TRACES = (USER, NAME, NAME.casefold(), EMAIL, PHONE, "\\u00d6berg", "Öberg")


async def seed(db: Database) -> dict[str, int]:
    async with db.session() as s:
        kultur = Department(name="Kultur", key="kultur")
        s.add(kultur)
        await s.flush()
        s.add_all(
            [
                Representative(user_id=USER, display_name=NAME, department_id=kultur.id,
                               created_by="coord", created_at=NOW),
                Representative(user_id="alice", display_name="Alice Andersson",
                               department_id=kultur.id, created_by="coord", created_at=NOW),
            ]
        )  # fmt: skip
        own = contact(
            kultur.id, USER, dt.date(2026, 3, 2),
            description=f"Ring {NAME} på {PHONE} eller skriv till {EMAIL}. Möte 2026-03-12.",
            follow_up=f"{NAME} skickar protokollet",
        )  # fmt: skip
        others = contact(
            kultur.id, "alice", dt.date(2026, 3, 3), description=f"{NAME} höll i programmet"
        )
        unrelated = contact(kultur.id, "alice", dt.date(2026, 3, 4), description="Skolutbyte")
        s.add_all([own, others, unrelated])
        await s.flush()
        s.add_all(
            [
                AuditEntry(actor=USER, action="create", entity="contact", entity_id=own.id,
                           changes={"description": own.description, "follow_up": own.follow_up}),
                AuditEntry(actor="alice", action="create", entity="contact", entity_id=others.id,
                           changes={"description": others.description}),
                AuditEntry(actor="coord", action="create", entity="representative",
                           changes={"user_id": USER, "display_name": NAME}),
                AnswerFeedback(user_id=USER, platform="slack", helpful=True,
                               question=f"Jag heter {NAME}, vem tecknar avtal?"),
            ]
        )  # fmt: skip
    return {"own": own.id, "others": others.id, "unrelated": unrelated.id}


def dump(db_url: str) -> str:
    """The whole database as text: SQLite's own `.dump`; PostgreSQL: every row of every
    table of the schema as JSON, through SQL."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(str(url.database)) as conn:
            return "\n".join(conn.iterdump())
    engine = create_engine(sync_url(db_url))
    try:
        with engine.connect() as conn:
            tables = conn.execute(
                text(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                )
            ).scalars()
            rows = [
                str(row)
                for table in list(tables)
                for row in conn.execute(text(f'SELECT row_to_json(t)::text FROM "{table}" t'))
                .scalars()
            ]  # fmt: skip
    finally:
        engine.dispose()
    return "\n".join(rows)


async def test_export_covers_mentions_and_erase_shows_them_to_the_coordinator(
    database: Database,
) -> None:
    ids = await seed(database)
    data = await export_user(database, user_id=USER, actor="coord", now=NOW)
    assert [c["id"] for c in data["contacts"]] == [ids["own"]]
    assert [c["id"] for c in data["contacts_mentioning"]] == [ids["others"]]
    assert len(data["audit_entries_mentioning"]) == 2  # alice's copy and the seat's
    erased = await erase_user(database, user_id=USER, actor="coord", now=NOW)
    assert erased.mentioned_in == [ids["others"]]  # shown, not changed
    assert erased.counts["answer_feedback"] == 1
    async with database.session() as s:
        from bot.store.models import Contact

        own = await s.get(Contact, ids["own"])
        others = await s.get(Contact, ids["others"])
        assert own is not None and others is not None
        assert own.description is not None
        assert EMAIL not in own.description and PHONE not in own.description
        assert NAME not in own.description and "2026-03-12" in own.description  # dates stay
        assert others.description == f"{NAME} höll i programmet"  # the coordinator decides


@pytest.fixture
def seeded_url(db_url: str) -> str:
    migrate.upgrade(db_url)

    async def run() -> None:
        db = Database.connect(db_url)
        try:
            await seed(db)
            await export_user(db, user_id=USER, actor="coord", now=NOW)  # audited, naming her
        finally:
            await db.close()

    asyncio.run(run())
    return db_url


def test_after_data_erase_a_dump_holds_no_trace_of_the_person(
    seeded_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from adapters.cli import main

    before = dump(seeded_url)
    assert all(trace in before for trace in (USER, EMAIL, PHONE)), "the test must see them"
    monkeypatch.setenv("INTBOT_DATABASE_URL", seeded_url)
    # Others' entries name her: the coordinator is shown them and decides first.
    assert main(["data", "erase", USER]) == 3
    err = capsys.readouterr().err
    assert "others' entries name" in err and "Nothing was changed" in err
    assert dump(seeded_url) == before
    assert main(["data", "erase", USER, "--scrub-mentions"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"erased {USER}: ") and "raderad-" not in out  # no id -> alias map
    after = dump(seeded_url)
    found = [trace for trace in TRACES if trace in after]
    assert found == [], found
    assert "Skolutbyte" in after and "Alice Andersson" in after  # the rest is kept
    assert main(["data", "export", USER]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == 0
    assert USER not in dump(seeded_url)  # nor did that export leave an audit row
