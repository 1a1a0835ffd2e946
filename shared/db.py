"""Database engines and sessions: SQLite files by default, PostgreSQL when the URL says so."""

import contextlib
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    CursorResult,
    DateTime,
    Executable,
    MetaData,
    Table,
    TypeDecorator,
    event,
)
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from shared import sqlite_direct
from shared.settings import Synchronous
from shared.sqlite_loop import loop_connector

SessionFactory = async_sessionmaker[AsyncSession]
# The databases hold people's names and addresses: only the service's own user reads them.
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700
BUSY_TIMEOUT_MS = 30_000  # how long a statement waits for another process's write lock
SQLITE_VIEWS = 64  # sessions open at once on SQLite: the largest batch of a group commit


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, *, synchronous: Synchronous = "FULL", **kwargs: Any) -> AsyncEngine:
    """An async engine; on SQLite, a private file, WAL, a busy timeout, write-locking
    transactions and the `synchronous` level."""
    if not is_sqlite(url):
        return create_async_engine(url, pool_pre_ping=True, **kwargs)
    database = sqlite_file(url)
    if database is not None:
        _private_database(database)
    # One sqlite3 connection per process, seen through as many views as sessions may be open
    # at once: units of work queue on its turn (fair, no polling) instead of on SQLite's busy
    # handler, which sleeps and retries, and batched units can wait for their commit without
    # holding the next ones back. Other processes still wait on SQLite's lock, in a thread
    # (shared.sqlite_loop), never on the loop.
    connect = loop_connector(database or ":memory:", busy_timeout_ms=BUSY_TIMEOUT_MS)
    engine = create_async_engine(
        url,
        async_creator=connect,
        pool_size=SQLITE_VIEWS,
        max_overflow=0,
        pool_timeout=60,
        **kwargs,
    )
    _configure_sqlite(engine, synchronous)
    return engine


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for a database in memory."""
    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None


def _private_database(path: Path) -> None:
    """The database file made private before SQLite opens it: SQLite gives the -wal and -shm
    files it makes the database file's permissions (ones left by an older run are fixed)."""
    private_file(path)
    for end in ("-wal", "-shm"):
        _tighten(path.with_name(path.name + end))


def private_file(path: Path) -> None:
    """Create `path` (and its missing folders) readable and writable by this user only."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
    _tighten(path)


def _tighten(path: Path) -> None:
    """Take group and others off a file of this user's made before files were private."""
    with contextlib.suppress(FileNotFoundError):
        found = path.stat()
        if found.st_mode & 0o077 and found.st_uid == os.getuid():
            path.chmod(PRIVATE_FILE)


def private_folder(folder: Path) -> None:
    """Create `folder` and its missing parents for this user only. A folder that exists is
    left as it is: it may be shared on purpose (/tmp, a mounted volume)."""
    missing = [each for each in (folder, *folder.parents) if not each.exists()]
    for each in reversed(missing):
        each.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)


def _configure_sqlite(engine: AsyncEngine, synchronous: Synchronous) -> None:
    # Every transaction takes the write lock at BEGIN: a deferred transaction that reads and
    # then writes can fail with SQLITE_BUSY instead of waiting, which would turn a rush of
    # registrations into errors. Taking the lock first makes SQLite queue them.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=0")  # a wait happens in a thread (sqlite_loop)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        sqlite_direct.begin(connection.connection)


def service_metadata(*models: type[SQLModel]) -> MetaData:
    """A MetaData holding only one service's tables, so its history never sees another's."""
    metadata = MetaData()
    for model in models:
        table: Table = model.__table__  # type: ignore[attr-defined]  # set on table=True models only
        table.to_metadata(metadata)
    return metadata


class LeanSession(AsyncSession):
    """sqlmodel's AsyncSession, closed at once on leaving `async with` when it holds nothing
    (no transaction, no objects): SQLAlchemy closes in a task of its own, through a greenlet,
    so that a cancellation cannot cut the release of a connection short; with nothing held
    there is nothing to release, and a unit of work that committed paid a task for nothing."""

    async def __aexit__(self, type_: Any, value: Any, traceback: Any) -> None:
        sync = self.sync_session
        if sync.get_transaction() is None and not (sync.identity_map or sync.new or sync.deleted):
            sync.close()  # nothing to release: no I/O, so no greenlet needed
            return
        await super().__aexit__(type_, value, traceback)


def session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=LeanSession, expire_on_commit=False)


async def execute_core(
    session: AsyncSession, statement: Executable, params: Mapping[str, Any] | None = None
) -> CursorResult[Any] | sqlite_direct.Rows:
    """A Core statement (on tables, not models) on the session's connection, in its
    transaction: the registration's hot path runs its statements so, because the ORM's work
    per statement (an UPDATE keeping loaded objects in step, a flush) costs several times the
    statement itself. Objects the session holds are not kept in step: the caller does that.
    On SQLite the statement runs on the driver connection, without SQLAlchemy's execution
    (shared.sqlite_direct): a tenth of the cost."""
    given = params or {}
    bind = session.bind
    prepared = sqlite_direct.prepared(statement, bind.dialect if bind else None, given)
    driver = await sqlite_direct.driver_in_transaction(session) if prepared else None
    if prepared is not None and driver is not None:
        return await prepared.run(driver, given)
    connection = await session.connection()
    return await connection.execute(statement, params)


def utc_now() -> datetime:
    return datetime.now(UTC)


def utc_column(*, nullable: bool = True) -> Column[datetime]:
    """A column for aware datetimes; give each model field its own (columns are not shared)."""
    return Column(UTCDateTime(), nullable=nullable)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which keeps no zone) too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
