"""Fresh PostgreSQL databases for tests, when TEST_DATABASE_URL points at a server."""

import asyncio
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


async def _admin(url: str, statement: str) -> None:
    parsed = make_url(url).set(drivername="postgresql")
    connection = await asyncpg.connect(parsed.render_as_string(hide_password=False))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the test server; dropped afterwards."""
    assert TEST_DATABASE_URL, "TEST_DATABASE_URL is not set"
    name = f"convegni_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(TEST_DATABASE_URL, f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(TEST_DATABASE_URL).set(drivername="postgresql+asyncpg", database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin(TEST_DATABASE_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def migrated_database(kind: str, tmp_path: Path, migrations: Path) -> Iterator[str]:
    """A database at the head of `migrations`: a SQLite file under `tmp_path`, or a fresh
    PostgreSQL database (`kind` "postgresql"; the test is skipped without TEST_DATABASE_URL)."""
    from shared.migrations import upgrade  # Alembic: loaded only by tests that migrate

    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
        upgrade(url, migrations)  # Alembic runs its own event loop: not inside the test's
        yield url
        return
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL to test against")
    with fresh_postgres_database() as url:
        upgrade(url, migrations)
        yield url


def stored_registrations(database_url: str, event_id: str, status: str) -> int:
    query = (
        f"SELECT count(*) FROM registration WHERE event_id = '{event_id}' AND status = '{status}'"
    )
    return int(stored_rows(database_url, query)[0][0])


def stored_registration_ids(database_url: str, event_id: str) -> set[str]:
    """The ids of every registration for the event, whatever its status."""
    rows = stored_rows(database_url, f"SELECT id FROM registration WHERE event_id = '{event_id}'")
    return {str(row[0]) for row in rows}


def stored_rows(database_url: str, query: str) -> list[tuple[Any, ...]]:
    """The rows a query finds, read straight from the database (SQLite or PostgreSQL)."""
    parsed = make_url(database_url)
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(parsed.database) as connection:
            return [tuple(row) for row in connection.execute(query).fetchall()]

    async def fetch() -> list[tuple[Any, ...]]:
        dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        connection = await asyncpg.connect(dsn)
        try:
            return [tuple(row) for row in await connection.fetch(query)]
        finally:
            await connection.close()

    return asyncio.run(fetch())
