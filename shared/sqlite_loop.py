"""SQLite on the event loop: the driver-level connection SQLAlchemy's aiosqlite dialect wraps,
running sqlite3 calls in the loop's own thread instead of handing each one to aiosqlite's
thread and waiting for the answer.

Why: a statement on SQLite costs a few microseconds; aiosqlite's hand-over (a queue, a
thread wake-up, a future resolved through the loop's self-pipe, the GIL passed back and
forth) costs far more, and SQLAlchemy makes four of them per statement (cursor, execute,
fetch, close): 50 per registration. Here they are plain calls.

What could freeze the loop, and what keeps it short:
- another process holding the write lock: the connection's busy timeout is 0, so SQLite
  answers SQLITE_BUSY at once; the statement is then run again in a thread with
  `busy_timeout` (the wait happens there, the loop keeps serving);
- the fsync of a commit (`synchronous=FULL`): a commit runs in a thread (one hand-over per
  transaction), so the disk's latency is never the loop's, and the loop reads and answers
  other requests meanwhile.
With one process per service on SQLite and one connection per process (shared.db), the
loop's own sessions queue on the pool, never on SQLite's lock.
"""

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def is_busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in BUSY_CODES


class LoopCursor:
    """An aiosqlite-shaped cursor whose calls run at once, in the caller's thread."""

    def __init__(self, connection: "LoopConnection") -> None:
        self._connection = connection
        self._cursor = connection._conn.cursor()

    async def __aenter__(self) -> "LoopCursor":
        return self

    async def __aexit__(self, *_: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> "LoopCursor":
        await self._connection.run(self._cursor.execute, sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Any) -> "LoopCursor":
        await self._connection.run(self._cursor.executemany, sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    async def nextset(self) -> None:
        return None

    async def setinputsizes(self, *_: object) -> None:
        return None


class _RunNow:
    """aiosqlite's work queue, as SQLAlchemy's dialect uses it to set the isolation level:
    the work is done on the spot."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, work = item
        try:
            future.set_result(work())
        except Exception as error:
            future.set_exception(error)


class LoopConnection:
    """An aiosqlite-shaped connection over one sqlite3 connection, used by one task at a
    time (SQLAlchemy's pool and the adapter's mutex see to that)."""

    def __init__(self, conn: sqlite3.Connection, *, busy_timeout_ms: int) -> None:
        self._conn = conn
        self._connection = conn  # the dialect checks it to tell an open connection
        self._tx = _RunNow()
        self._busy_timeout_ms = busy_timeout_ms
        # Held by a thread running a statement or a commit: closing or rolling back the
        # sqlite3 connection under it crashes the interpreter.
        self._in_use = threading.Lock()

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def cursor(self) -> LoopCursor:
        return LoopCursor(self)

    async def run(self, work: Callable[..., Any], *args: Any) -> Any:
        """`work` at once; if another process holds the lock, again in a thread that waits."""
        try:
            return work(*args)
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise
        return await self._in_thread(work, *args)

    async def _in_thread(self, work: Callable[..., Any], *args: Any) -> Any:
        """`work` in a thread that waits for the lock. A cancelled caller still waits for the
        thread to end before it goes on: what follows a cancellation (a rollback, closing
        the connection) must not touch the connection while the thread holds it."""
        running = asyncio.ensure_future(asyncio.to_thread(self._waiting, work, *args))
        cancelled = False
        while not running.done():
            try:
                await asyncio.wait({running})
            except asyncio.CancelledError:
                cancelled = True
        if cancelled:
            raise asyncio.CancelledError
        return running.result()

    def _waiting(self, work: Callable[..., Any], *args: Any) -> Any:
        with self._in_use:
            self._conn.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
            try:
                return work(*args)
            finally:
                self._conn.execute("PRAGMA busy_timeout=0")

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> LoopCursor:
        cursor = self.cursor()
        return await cursor.execute(sql, parameters)

    async def commit(self) -> None:
        if self._conn.in_transaction:
            await self._in_thread(self._conn.commit)

    async def rollback(self) -> None:
        with self._in_use:
            self._conn.rollback()

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        with self._in_use:
            self._conn.close()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)


def loop_connector(database: Path | str, *, busy_timeout_ms: int) -> Callable[[], Any]:
    """The `async_creator` for create_async_engine: connections in the loop's thread."""

    async def connect() -> LoopConnection:
        # check_same_thread off: a busy statement or a commit may run in a worker thread,
        # never two at once (one task holds the connection at a time).
        conn = sqlite3.connect(
            str(database), timeout=0, check_same_thread=False, isolation_level=None
        )
        return LoopConnection(conn, busy_timeout_ms=busy_timeout_ms)

    return connect
