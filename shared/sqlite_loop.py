"""SQLite on the event loop: the driver-level connections SQLAlchemy's aiosqlite dialect
wraps, running sqlite3 calls in the loop's own thread instead of handing each one to
aiosqlite's thread and waiting for the answer; and group commit, for the units of work that
ask for it.

Why on the loop: a statement on SQLite costs a few microseconds; aiosqlite's hand-over (a
queue, a thread wake-up, a future resolved through the loop's self-pipe, the GIL passed back
and forth) costs far more, and SQLAlchemy makes four of them per statement (cursor, execute,
fetch, close): 50 per registration. Here they are plain calls.

What could freeze the loop, and what keeps it short:
- another process holding the write lock: the connection's busy timeout is 0, so SQLite
  answers SQLITE_BUSY at once; the statement is then run again in a thread with
  `busy_timeout` (the wait happens there, the loop keeps serving);
- the fsync of a commit (`synchronous=FULL`): a commit that wrote runs in a thread, so the
  disk's latency is never the loop's.

The views, and group commit, are built on the process's one connection: shared.sqlite_shared.
"""

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from shared.sqlite_shared import BEGIN, UNIT, SharedConnection, Unit, grouped


class _IsolationLevel:
    """What SQLAlchemy's adapter sets the isolation level on: the shared connection stays in
    autocommit mode (sqlite3 would COMMIT whatever is open on being set again)."""

    isolation_level: str | None = None

    def __setattr__(self, name: str, value: Any) -> None:
        if name != "isolation_level" or value is not None:
            raise sqlite3.NotSupportedError("the shared SQLite connection stays in autocommit")


class LoopCursor:
    """An aiosqlite-shaped cursor whose calls run at once, in the caller's thread."""

    def __init__(self, connection: "LoopConnection") -> None:
        self._connection = connection
        self._cursor = connection.shared.conn.cursor()

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
        await self._connection.statement(self._cursor.execute, sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Any) -> "LoopCursor":
        await self._connection.statement(self._cursor.executemany, sql, parameters)
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
    """An aiosqlite-shaped connection: one view of the process's shared connection, used by
    one task at a time (SQLAlchemy's pool and the adapter's mutex see to that)."""

    def __init__(self, shared: SharedConnection) -> None:
        self.shared = shared
        shared.views += 1
        self._conn = _IsolationLevel()
        self._connection = shared.conn  # the dialect checks it to tell an open connection
        self._tx = _RunNow()
        self._unit: Unit | None = None
        self._closed = False

    @property
    def isolation_level(self) -> str | None:
        return None

    def cursor(self) -> LoopCursor:
        return LoopCursor(self)

    @property
    def in_unit(self) -> bool:
        """A unit of work is open on this view (its statements run in its transaction)."""
        return self._unit is not None

    async def statement(self, work: Callable[..., Any], sql: str, parameters: Any) -> Any:
        """A statement: BEGIN starts a unit of work, others run in the unit, or alone."""
        if sql == BEGIN and self._unit is None:
            return await self._begin()
        if self._unit is None:
            return await self._alone(work, sql, parameters)
        return await self.shared.run(work, sql, parameters)

    async def _begin(self) -> None:
        shared, batched = self.shared, grouped.get()
        await shared.take_turn()
        try:
            if not batched:  # sees only what is on disk (see the module's docstring)
                await shared.make_durable()
            if not shared.conn.in_transaction:
                await shared.run(shared.conn.execute, BEGIN)
            if batched:
                shared.conn.execute(f"SAVEPOINT {UNIT}")
        except BaseException:
            shared.turn.release()
            raise
        self._unit = Unit(batched, shared.conn.total_changes)

    async def _alone(self, work: Callable[..., Any], sql: str, parameters: Any) -> Any:
        """A statement outside a unit (a PRAGMA at connect, a driver-level BEGIN): in its own
        turn, after the pending batch is on disk. A transaction it opens is an unbatched
        unit, holding the turn until its COMMIT or ROLLBACK."""
        shared = self.shared
        await shared.take_turn()
        try:
            await shared.make_durable()
            changes = shared.conn.total_changes
            result = await shared.run(work, sql, parameters)
        except BaseException:
            shared.turn.release()
            raise
        if shared.conn.in_transaction:
            self._unit = Unit(False, changes)
        else:
            shared.turn.release()
        return result

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> LoopCursor:
        cursor = self.cursor()
        return await cursor.execute(sql, parameters)

    async def commit(self) -> None:
        unit, shared = self._unit, self.shared
        if unit is None:
            return
        self._unit = None
        if unit.batched:
            await self._commit_batched(unit)
            return
        try:
            if shared.conn.in_transaction:
                if shared.conn.total_changes != unit.changes:
                    await shared.in_thread(shared.conn.commit)
                else:  # read only: no fsync to keep off the loop
                    shared.conn.commit()
        finally:
            shared.turn.release()

    async def _commit_batched(self, unit: Unit) -> None:
        shared = self.shared
        try:
            shared.conn.execute(f"RELEASE {UNIT}")
        except BaseException:
            self._unit = unit
            await self.rollback()
            raise
        wrote = shared.conn.total_changes != unit.changes
        batch = shared.join_batch() if wrote or shared.batch is not None else None
        if batch is None:  # nothing written, nothing pending: end the empty transaction
            shared.conn.commit()
        shared.turn.release()
        if batch is not None:
            await asyncio.shield(batch.durable)

    async def rollback(self) -> None:
        self._end_unit()

    def _end_unit(self) -> None:
        """Undo the open unit, if any, and give the turn back (no unit: nothing of this
        view's to undo; a pool's reset must not touch another view's unit)."""
        unit, shared = self._unit, self.shared
        if unit is None:
            return
        self._unit = None
        try:
            with shared.in_use:
                if not shared.conn.in_transaction:
                    shared.lose_batch()
                elif unit.batched:
                    shared.conn.execute(f"ROLLBACK TO {UNIT}")
                    shared.conn.execute(f"RELEASE {UNIT}")
                    if shared.batch is None:  # nothing pending: end the empty transaction
                        shared.conn.rollback()
                else:
                    shared.conn.rollback()
        finally:
            shared.turn.release()

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._end_unit()
        finally:
            self.shared.views -= 1
            if self.shared.views == 0:
                self.shared.lose_batch()
                with self.shared.in_use:
                    self.shared.conn.close()

    async def create_function(self, name: str, arity: int, *args: Any, **kwargs: Any) -> None:
        """Once per connection, in its own turn: SQLAlchemy asks for each new view, and SQLite
        refuses to create a function while another statement (a batch's COMMIT in its
        thread) is running."""
        shared = self.shared
        if (name, arity) in shared.functions:
            return
        await shared.take_turn()
        try:
            shared.conn.create_function(name, arity, *args, **kwargs)
            shared.functions.add((name, arity))
        finally:
            shared.turn.release()


def loop_connector(database: Path | str, *, busy_timeout_ms: int) -> Callable[[], Any]:
    """The `async_creator` for create_async_engine: views of one connection per process,
    in the loop's thread."""
    shared: SharedConnection | None = None

    async def connect() -> LoopConnection:
        nonlocal shared
        if shared is None or shared.views == 0:
            # check_same_thread off: a busy statement or a commit may run in a worker
            # thread, never two at once (one unit holds the turn at a time).
            conn = sqlite3.connect(
                str(database), timeout=0, check_same_thread=False, isolation_level=None
            )
            shared = SharedConnection(conn, busy_timeout_ms=busy_timeout_ms)
        return LoopConnection(shared)

    return connect
