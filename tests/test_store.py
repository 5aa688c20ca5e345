"""The store on SQLite and PostgreSQL: concurrent writers, the audit trail, migrations,
reads run at once."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, event, func, inspect, select

from adapters.cli import build_bot
from bot.features.network.handlers import ForgivingMatch
from bot.kernel.messages import FormSubmit, Text
from bot.kernel.turn import Services
from bot.store import audit, migrate, network
from bot.store import contacts as repo
from bot.store.db import Database, sync_url
from bot.store.models import AuditEntry, Base, Contact
from tests.conftest import COORDINATOR
from tests.report_support import seed_small

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
WRITERS = 50
DISTINCT_KEYS = 35  # 50 submissions, 15 of them retries of an earlier one


async def _department(db: Database) -> int:
    seat = await network.register_representative(
        db, user_id="U1", department_name="Kulturförvaltningen", match=ForgivingMatch(),
        display_name=None, actor=COORDINATOR, now=NOW,
    )  # fmt: skip
    return seat.representative.department_id


def _values(department_id: int, n: int) -> dict[str, object]:
    return {
        "date": dt.date(2026, 3, 1) + dt.timedelta(days=n % 28),
        "partner": f"Partner {n}",
        "country": "DE",
        "kind": "twin_town",
        "department_id": department_id,
    }


async def test_fifty_concurrent_writers_lose_nothing_and_store_no_duplicate(
    services: Services,
) -> None:
    await _department(services.db)
    bot = build_bot(services)

    def submission(n: int) -> FormSubmit:
        key = n % DISTINCT_KEYS
        return FormSubmit(
            user="U1",
            platform="slack",
            form_id="contact",
            values={"date": "2026-03-12", "partner": f"Partner {key}", "country": "DE",
                    "kind": "vänort"},
            idempotency_key=f"view-{key}",
        )  # fmt: skip

    replies = await asyncio.gather(*(bot.handle(submission(n)) for n in range(WRITERS)))
    titles = []
    for [reply] in replies:
        assert isinstance(reply, Text), reply
        titles.append(reply.title)
    # A retry is answered with the same confirmation (the same contact id).
    assert titles[DISTINCT_KEYS] == titles[0]
    async with services.db.session() as session:
        partners = list(await session.scalars(select(Contact.partner)))
        created = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "create",
                                                               AuditEntry.entity == "contact")
        )  # fmt: skip
    assert sorted(partners) == sorted(f"Partner {k}" for k in range(DISTINCT_KEYS))
    assert created == DISTINCT_KEYS


async def test_concurrent_writers_without_keys_all_land(database: Database) -> None:
    department_id = await _department(database)
    stored = await asyncio.gather(
        *(
            repo.add_contact(database, values=_values(department_id, n), actor="U1", now=NOW)
            for n in range(WRITERS)
        )
    )
    assert len({s.contact.id for s in stored}) == WRITERS
    page = await repo.list_contacts(database, department_id=department_id, limit=10)
    assert page.total == WRITERS and len(page.contacts) == 10
    assert page.contacts[0].date >= page.contacts[-1].date


async def test_the_audit_trail_of_create_edit_delete(database: Database) -> None:
    department_id = await _department(database)
    stored = await repo.add_contact(
        database, values=_values(department_id, 1), actor="U1", now=NOW, idempotency_key="k"
    )
    contact_id = stored.contact.id
    again = await repo.add_contact(
        database, values=_values(department_id, 1), actor="U1", now=NOW, idempotency_key="k"
    )
    assert not again.created and again.contact.id == contact_id
    result = await repo.update_contact(
        database, contact_id=contact_id, changes={"participants": 12, "partner": "Partner 1"},
        actor="U1", now=NOW,
    )  # fmt: skip
    assert result is not None and result[1] == {"participants": (None, 12)}
    deleted = await repo.delete_contact(database, contact_id=contact_id, actor="coord", now=NOW)
    assert deleted is not None and deleted.deleted_by == "coord"
    assert await repo.get_contact(database, contact_id) is None
    assert await repo.delete_contact(database, contact_id=contact_id, actor="x", now=NOW) is None

    trail = await audit.audit_trail(database, entity=audit.CONTACT, entity_id=contact_id)
    assert [(a.action, a.actor) for a in trail] == [
        ("create", "U1"), ("update", "U1"), ("delete", "coord"),
    ]  # fmt: skip
    assert trail[0].changes["partner"] == "Partner 1"
    assert trail[0].changes["date"] == "2026-03-02"
    assert trail[1].changes == {"participants": {"old": None, "new": 12}}
    async with database.session() as session:
        row = await session.get(Contact, contact_id)
        assert row is not None and row.deleted_at is not None  # soft: the row stays


def _tables(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_migrations_go_up_and_down_cleanly_from_empty(db_url: str) -> None:
    assert _tables(db_url) == set()
    migrate.upgrade(db_url)
    assert _tables(db_url) == set(Base.metadata.tables)
    migrate.downgrade(db_url, "base")
    assert _tables(db_url) == set()
    migrate.upgrade(db_url)
    assert _tables(db_url) == set(Base.metadata.tables)


def test_the_migrated_schema_matches_the_models(db_url: str) -> None:
    migrate.upgrade(db_url)
    engine = create_engine(sync_url(db_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == [], diff


def test_a_migrated_sqlite_file_is_already_in_wal_mode(db_url: str) -> None:
    # Connections that open it later need not switch it: switching takes an exclusive
    # lock that SQLite refuses at once while others write ("database is locked").
    if not db_url.startswith("sqlite"):
        pytest.skip("journal modes are SQLite's")
    migrate.upgrade(db_url)
    engine = create_engine(sync_url(db_url))
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", ["0001"])
def test_downgrade_to_the_first_revision_keeps_the_contact_log(db_url: str, revision: str) -> None:
    migrate.upgrade(db_url)
    migrate.downgrade(db_url, revision)
    assert {"contacts", "departments", "representatives", "audit_log"} <= _tables(db_url)


# --- reads at once ---------------------------------------------------------------


class _Checkouts:
    """How many pooled connections are out at once, at most."""

    def __init__(self, db: Database) -> None:
        self.out = self.most = 0
        event.listen(db.engine.sync_engine.pool, "checkout", self._checkout)
        event.listen(db.engine.sync_engine.pool, "checkin", self._checkin)

    def _checkout(self, *_args: object) -> None:
        self.out += 1
        self.most = max(self.most, self.out)

    def _checkin(self, *_args: object) -> None:
        self.out -= 1


async def test_read_many_returns_each_querys_rows_in_order_a_few_at_a_time(
    database: Database,
) -> None:
    await seed_small(database)
    checkouts = _Checkouts(database)
    queries = [
        select(func.count()).select_from(Contact),
        select(Contact.partner).where(Contact.date == dt.date(2026, 4, 30)),
        select(Contact.id).where(Contact.partner == "nobody"),
    ] * 3
    rows = await database.read_many(queries, at_once=2)
    assert rows == [[(9,)], [("Eurocities",)], []] * 3
    assert checkouts.most <= 2


async def test_read_many_on_an_in_memory_database_uses_its_one_connection_in_turn() -> None:
    db = Database.connect("sqlite://")
    try:
        async with db.engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        checkouts = _Checkouts(db)
        rows = await db.read_many([select(func.count()).select_from(Contact)] * 3)
        assert rows == [[(0,)]] * 3
        assert checkouts.most == 1
    finally:
        await db.close()
