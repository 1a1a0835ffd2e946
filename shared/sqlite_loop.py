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

One sqlite3 connection per process, shared: each connection SQLAlchemy's pool hands out is a
view of it, and a unit of work (BEGIN to COMMIT or ROLLBACK) holds the connection's turn, so
units run one after the other, in arrival order, never interleaved.

Group commit: a unit run inside `group_commit()` (the registration's hot path) is a SAVEPOINT
inside one transaction that several such units share; its COMMIT releases the savepoint and
the turn, then waits until one COMMIT makes the whole batch durable. The batch is committed
once the units that were waiting for the turn have run, so one fsync and one thread
hand-over serve every unit that arrived meanwhile. What keeps every guarantee:
- a unit's COMMIT returns only once its batch is committed: nothing is answered before it is
  on disk; if the batch's COMMIT fails, every unit of the batch gets the error, and nothing
  of the batch is kept (all or none);
- a unit's ROLLBACK (a refusal, a duplicate address) undoes its savepoint alone;
- what a batched unit wrote is seen before it is on disk only by the units of its own batch:
  every other unit (outside `group_commit()`: the outbox relay, the consumers, pages) first
  commits the pending batch, so nothing that reaches NATS or a mailbox can be undone by a
  crash.
"""

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
# The statement SQLAlchemy's `begin` listener (shared.db) sends: a unit of work starts here.
BEGIN = "BEGIN IMMEDIATE"
UNIT = "convegni_unit"  # the savepoint of a batched unit

_grouped: ContextVar[bool] = ContextVar("sqlite_group_commit", default=False)


@contextmanager
def group_commit() -> Iterator[None]:
    """Units of work begun inside this block (in this task) share their commit with the
    units running beside them."""
    token = _grouped.set(True)
    try:
        yield
    finally:
        _grouped.reset(token)


def is_busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in BUSY_CODES


@dataclass
class _Batch:
    """Batched units released but not yet on disk; `durable` resolves when they are."""

    durable: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )

    def settle(self, error: BaseException | None) -> None:
        if self.durable.done():
            return
        if error is None:
            self.durable.set_result(None)
        else:
            self.durable.set_exception(error)
            self.durable.exception()  # retrieved: a batch nobody awaits any more is not an error


@dataclass
class _Unit:
    batched: bool
    changes: (
        int  # the connection's total_changes at BEGIN: a unit that wrote nothing needs no fsync
    )


class SharedConnection:
    """The process's one sqlite3 connection, its turn and its pending batch."""

    def __init__(self, conn: sqlite3.Connection, *, busy_timeout_ms: int) -> None:
        self.conn = conn
        self.busy_timeout_ms = busy_timeout_ms
        self.turn = asyncio.Lock()
        self.batch: _Batch | None = None
        self.views = 0
        # Held by a thread running a statement or a commit: closing or rolling back the
        # sqlite3 connection under it crashes the interpreter.
        self.in_use = threading.Lock()
        self._committers: set[asyncio.Task[None]] = set()

    async def run(self, work: Callable[..., Any], *args: Any) -> Any:
        """`work` at once; if another process holds the lock, again in a thread that waits."""
        try:
            return work(*args)
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise
        return await self.in_thread(work, *args)

    async def in_thread(self, work: Callable[..., Any], *args: Any) -> Any:
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
        with self.in_use:
            self.conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
            try:
                return work(*args)
            finally:
                self.conn.execute("PRAGMA busy_timeout=0")

    def join_batch(self) -> _Batch:
        """The pending batch (a new one, with the task that will commit it, if none)."""
        if self.batch is None:
            self.batch = _Batch()
            committer = asyncio.ensure_future(self._commit_in_turn(self.batch))
            self._committers.add(committer)
            committer.add_done_callback(self._committers.discard)
        return self.batch

    async def _commit_in_turn(self, batch: _Batch) -> None:
        """Wait for the turn behind the units already waiting (they join the batch), then
        commit it, unless an unbatched unit has done so meanwhile."""
        async with self.turn:
            if self.batch is batch:
                try:
                    await self.make_durable()
                except Exception:  # the batch's units have it (settle); nothing else to tell
                    pass

    async def make_durable(self) -> None:
        """Commit the pending batch; the caller holds the turn."""
        batch, self.batch = self.batch, None
        if batch is None:
            return
        outcome: list[BaseException | None] = []

        def commit() -> None:
            try:
                self.conn.commit()
            except BaseException as error:
                outcome.append(error)
                raise
            outcome.append(None)

        try:
            if self.conn.in_transaction:
                await self.in_thread(commit)
            else:  # nothing open: SQLite rolled it back by itself
                outcome.append(sqlite3.OperationalError("the batch's transaction was lost"))
        finally:
            # The thread's outcome, not the caller's: a cancelled committer still waited
            # for its commit to end.
            failure = outcome[0] if outcome else None
            if failure is None and not outcome:
                failure = sqlite3.OperationalError("the batch's commit was interrupted")
            if failure is not None and self.conn.in_transaction:
                with self.in_use:  # not committed: nothing of the batch stays
                    self.conn.rollback()
            batch.settle(None if failure is None else _failed(failure))

    def lose_batch(self) -> None:
        """SQLite rolled the shared transaction back by itself (a full disk, an I/O error):
        the batch's units are not on disk, and must not be answered as if they were."""
        batch, self.batch = self.batch, None
        if batch is not None:
            batch.settle(sqlite3.OperationalError("the batch's transaction was rolled back"))


def _failed(error: BaseException) -> BaseException:
    """What a batched unit's COMMIT raises when its batch failed (a cancellation of the
    committer is a failure of the commit, not of the unit's caller)."""
    if isinstance(error, Exception):
        return error
    return sqlite3.OperationalError("the batch's commit was interrupted")


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
        self._unit: _Unit | None = None
        self._closed = False

    @property
    def isolation_level(self) -> str | None:
        return None

    def cursor(self) -> LoopCursor:
        return LoopCursor(self)

    async def statement(self, work: Callable[..., Any], sql: str, parameters: Any) -> Any:
        """A statement: BEGIN starts a unit of work, others run in the unit, or alone."""
        if sql == BEGIN and self._unit is None:
            return await self._begin()
        if self._unit is None:
            return await self._alone(work, sql, parameters)
        return await self.shared.run(work, sql, parameters)

    async def _begin(self) -> None:
        shared, batched = self.shared, _grouped.get()
        await shared.turn.acquire()
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
        self._unit = _Unit(batched, shared.conn.total_changes)

    async def _alone(self, work: Callable[..., Any], sql: str, parameters: Any) -> Any:
        """A statement outside a unit (a PRAGMA at connect, a driver-level BEGIN): in its own
        turn, after the pending batch is on disk. A transaction it opens is an unbatched
        unit, holding the turn until its COMMIT or ROLLBACK."""
        shared = self.shared
        await shared.turn.acquire()
        try:
            await shared.make_durable()
            changes = shared.conn.total_changes
            result = await shared.run(work, sql, parameters)
        except BaseException:
            shared.turn.release()
            raise
        if shared.conn.in_transaction:
            self._unit = _Unit(False, changes)
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

    async def _commit_batched(self, unit: _Unit) -> None:
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

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self.shared.conn.create_function(*args, **kwargs)


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
