"""On SQLite, altering a table rebuilds it (copy, drop, rename). Rows of other tables that
point at it must not stop the upgrade, and none may be left pointing at nothing."""

import asyncio
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.db import create_engine
from shared.migrations import alembic_config, upgrade
from tests.migrations import previous_release
from tests.migrations.previous_release import events
from tests.migrations.schema import migrations_of

pytestmark = pytest.mark.integration

# events 0002 -> 0003 rebuilds `event`, which programme items and revisions point at.
BEFORE_THE_REBUILD = "0002"
TABLES = ("organization", "venue", "speaker", "event", "programme_item", "event_revision")


async def insert_known_columns(
    connection: AsyncConnection, table: str, returning: str | None = None, **values: Any
) -> Any:
    """The previous release's rows, without the columns this older schema does not have."""
    columns = {row[1] for row in await connection.execute(text(f"PRAGMA table_info({table})"))}
    known = {name: value for name, value in values.items() if name in columns}
    return await previous_release.insert(connection, table, returning, **known)


async def counts(connection: AsyncConnection) -> dict[str, int]:
    return {
        table: (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
        for table in TABLES
    }


async def test_sqlite_upgrade_rebuilding_a_referenced_table_keeps_every_row(tmp_path, monkeypatch):
    url = f"sqlite+aiosqlite:///{tmp_path / 'events.db'}"
    config = alembic_config(url, migrations_of("events"))
    await asyncio.to_thread(command.upgrade, config, BEFORE_THE_REBUILD)
    monkeypatch.setattr(events, "insert", insert_known_columns)
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await events.rows(connection)
            before = await counts(connection)

        await asyncio.to_thread(upgrade, url, migrations_of("events"))

        async with engine.connect() as connection:
            after = await counts(connection)
            dangling = (await connection.execute(text("PRAGMA foreign_key_check"))).all()
    finally:
        await engine.dispose()
    assert min(before.values()) >= 1
    assert (after, dangling) == (before, [])
