"""Alembic, run from code: each service keeps its own history in services/<name>/storage/."""

import asyncio
import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import create_engine, is_sqlite, private_file, service_metadata

__all__ = ["alembic_config", "run_env", "service_metadata", "upgrade", "upgrade_in_thread"]

MIGRATION_LOCK_ID = 7_202_611  # any constant; the same in every service is fine


def alembic_config(database_url: str, migrations_dir: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, migrations_dir: Path) -> None:
    """Bring the database to the newest revision (blocking; see `upgrade_in_thread`)."""
    with _one_migration_at_a_time(database_url):
        command.upgrade(alembic_config(database_url, migrations_dir), "head")


@contextlib.contextmanager
def _one_migration_at_a_time(database_url: str) -> Iterator[None]:
    # Workers of one service start together. On PostgreSQL an advisory lock queues them (see
    # `_run_sync`); SQLite has none, and its DDL commits step by step, so a second worker would
    # read a half-migrated file and die on "duplicate column" or "database is locked". A lock
    # file beside the database queues them instead: the later ones find nothing left to do.
    database = make_url(database_url).database if is_sqlite(database_url) else None
    if not database or database == ":memory:":
        yield
        return
    lock_path = Path(f"{database}.migrating")
    private_file(lock_path)  # empty, but beside the database: as private as it
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


async def upgrade_in_thread(database_url: str, migrations_dir: Path) -> None:
    # env.py runs its own event loop, which cannot nest inside the service's.
    await asyncio.to_thread(upgrade, database_url, migrations_dir)


def run_env(target_metadata: MetaData) -> None:
    """The body of every service's env.py: online migrations on the configured URL."""
    url = context.config.attributes.get("database_url") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    assert url, "no database URL given to the migrations"
    asyncio.run(_run_async(url, target_metadata))


async def _run_async(url: str, target_metadata: MetaData) -> None:
    engine = create_engine(url)
    if is_sqlite(url):
        _foreign_keys_off(engine)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_sync, target_metadata)
            if is_sqlite(url):
                await connection.run_sync(_refuse_broken_foreign_keys)
            await connection.commit()
    finally:
        await engine.dispose()


def _foreign_keys_off(engine: AsyncEngine) -> None:
    # SQLite alters a table by rebuilding it (copy, drop, rename): with foreign keys on, the
    # drop fails as soon as other rows point at the table. Alembic's documented remedy is to
    # turn them off for the migration, then check them (below) before committing.
    @event.listens_for(engine.sync_engine, "connect")
    def _off(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()


def _refuse_broken_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"the migration left rows pointing at nothing: {broken[:5]}")


def _run_sync(connection: Connection, target_metadata: MetaData) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Replicas starting together would race to create the same tables; the first
            # takes this lock, the others wait and then find nothing left to do.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
        context.run_migrations()


if __name__ == "__main__":  # run by shared.migration_process.upgrade_in_child
    import os
    import sys

    from shared.migration_process import DATABASE_URL_VARIABLE

    upgrade(os.environ[DATABASE_URL_VARIABLE], Path(sys.argv[1]))
