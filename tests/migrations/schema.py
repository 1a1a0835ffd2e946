"""What a database holds, as an operator would look at it: the Alembic revision, and every
table with its columns, keys and indexes; and how far the models are from it."""

import asyncio
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Connection

from shared.db import create_engine
from shared.migrations import alembic_config

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("events", "registrations", "notifications")


def migrations_of(service: str) -> Path:
    return PROJECT_ROOT / "services" / service / "storage" / "migrations"


def metadata_of(service: str) -> MetaData:
    """The tables the service's models declare (its Alembic target metadata)."""
    return importlib.import_module(f"services.{service}.storage.tables").METADATA


def _script(service: str) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config("", migrations_of(service)))


def head_of(service: str) -> str:
    """The newest revision of the service's history, as written in its versions folder."""
    head = _script(service).get_current_head()
    assert head, f"{service} has no migrations"
    return head


def revisions_of(service: str) -> list[str]:
    """Every revision of the service's history, oldest first."""
    return [script.revision for script in reversed(list(_script(service).walk_revisions()))]


@dataclass(frozen=True)
class Schema:
    revision: str | None
    tables: dict[str, dict[str, Any]]


def _describe(connection: Connection) -> Schema:
    inspector = inspect(connection)
    tables = {
        name: {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in inspector.get_columns(name)
            ],
            "primary_key": inspector.get_pk_constraint(name)["constrained_columns"],
            "foreign_keys": sorted(
                (tuple(fk["constrained_columns"]), fk["referred_table"])
                for fk in inspector.get_foreign_keys(name)
            ),
            "unique": sorted(
                tuple(u["column_names"]) for u in inspector.get_unique_constraints(name)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(name)
            ),
        }
        for name in sorted(inspector.get_table_names())
    }
    revision = MigrationContext.configure(connection).get_current_revision()
    return Schema(revision=revision, tables=tables)


def _differences(connection: Connection, metadata: MetaData) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def _on(url: str, work: Any, *args: Any) -> Any:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(work, *args)
    finally:
        await engine.dispose()


def describe(url: str) -> Schema:
    """The revision and the tables of the database at `url`."""
    return asyncio.run(_on(url, _describe))


def model_differences(url: str, service: str) -> list[Any]:
    """What `alembic revision --autogenerate` would write: models against the database."""
    return asyncio.run(_on(url, _differences, metadata_of(service)))
