"""A throwaway PostgreSQL schema for a benchmark run, on INTBOT_TEST_DATABASE_URL (as the
tests use) or the local server."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.store.db import sync_url

PG_ENV = "INTBOT_TEST_DATABASE_URL"
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"


@contextmanager
def postgres_schema(label: str) -> Iterator[str | None]:
    """The URL of a fresh schema, dropped afterwards; None, with the reason printed
    under `label`, when the server cannot be reached."""
    import psycopg

    base = os.environ.get(PG_ENV) or PG_DEFAULT
    dsn = sync_url(base).set(drivername="postgresql").render_as_string(hide_password=False)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.Error as error:
        print(f"{label}: skipped, {base} is unreachable ({str(error).strip()[:120]})")
        yield None
        return
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


async def on_both_databases(run: Callable[[str, str], Awaitable[None]]) -> None:
    """`run(label, url)` on a throwaway SQLite file, then on a throwaway PostgreSQL
    schema when the server answers."""
    with tempfile.TemporaryDirectory() as tmp:
        await run("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}")
    with postgres_schema("PostgreSQL") as url:
        if url is not None:
            await run("PostgreSQL", url)
