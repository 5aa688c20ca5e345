"""audit text trigrams: on PostgreSQL, GIN trigram indexes on the audit trail's text, so
that a person's export and erase find the rows naming them without reading the whole
trail (`bot/store/erasure.py` searches it with LIKE '%term%'); SQLite is unchanged

The expressions are the ones `erasure.find` filters on, as SQLAlchemy writes them
(`CAST(changes AS VARCHAR)` and its `lower()`): PostgreSQL uses an index on an
expression only for that same expression. The trigram operator class comes with the
pg_trgm extension (shipped with PostgreSQL, and "trusted" since PostgreSQL 13: a role
that may create objects in the database may create it). It is created in the `public`
schema when missing, so that one database's schemas share it; where it cannot be had,
the indexes are left out with a warning and the searches read the trail as before.

A small pending list: GIN gathers new rows in a pending list and merges them into the
index when the list passes its limit (4 MB by default) or at a vacuum. The planner
prices a long pending list in, and with a few thousand rows in it chose a full scan of
the trail over the index again (700 ms at 100k rows instead of 1). At 128 kB the list
is merged every few hundred rows: inserts stay batched (100k audit rows: 18 s with the
indexes against 128 s with fastupdate off) and the plan stays on the index.

Revision ID: 0111
Revises: 0110
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0111"
down_revision = "0110"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

PENDING_LIST_KB = 128
INDEXES = {
    "ix_audit_text_trgm": "CAST(changes AS VARCHAR)",
    "ix_audit_text_lower_trgm": "lower(CAST(changes AS VARCHAR))",
}


def _trigram_schema(bind: sa.Connection) -> str | None:
    """The schema pg_trgm is installed in, installing it if need be; None if it cannot
    be had."""
    find = sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'pg_trgm'"
    )
    schema = bind.scalar(find)
    if schema is not None:
        return str(schema)
    public = bind.scalar(sa.text("SELECT 1 FROM pg_namespace WHERE nspname = 'public'"))
    create = "CREATE EXTENSION IF NOT EXISTS pg_trgm" + (" SCHEMA public" if public else "")
    try:
        with bind.begin_nested():  # a refusal must not abort the migration's transaction
            bind.execute(sa.text(create))
    except sa.exc.DBAPIError as error:
        log.warning("pg_trgm unavailable (%s); the audit text is searched without an index",
                    str(error.orig).strip().splitlines()[0])  # fmt: skip
        return None
    found = bind.scalar(find)
    return None if found is None else str(found)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _trigram_schema(bind)
    if schema is None:
        return
    ops = f"{bind.dialect.identifier_preparer.quote_identifier(schema)}.gin_trgm_ops"
    for name, expression in INDEXES.items():
        op.execute(
            f"CREATE INDEX {name} ON audit_log USING gin (({expression}) {ops})"
            f" WITH (gin_pending_list_limit = {PENDING_LIST_KB})"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
