"""One sqlite3 connection per process, shared: each connection SQLAlchemy's pool hands out is a
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
# The statement SQLAlchemy's `begin` listener (shared.db) sends: a unit of work starts here.
BEGIN = "BEGIN IMMEDIATE"
UNIT = "convegni_unit"  # the savepoint of a batched unit
TURN_TIMEOUT_SECONDS = 60  # as the pool's wait for a connection was, with one per process

grouped: ContextVar[bool] = ContextVar("sqlite_group_commit", default=False)


@contextmanager
def group_commit() -> Iterator[None]:
    """Units of work begun inside this block (in this task) share their commit with the
    units running beside them."""
    token = grouped.set(True)
    try:
        yield
    finally:
        grouped.reset(token)


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
class Unit:
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
        self.functions: set[tuple[str, int]] = set()  # (name, arity) created on `conn`
        # Held by a thread running a statement or a commit: closing or rolling back the
        # sqlite3 connection under it crashes the interpreter.
        self.in_use = threading.Lock()
        self._committers: set[asyncio.Task[None]] = set()

    async def take_turn(self) -> None:
        """The connection's turn, in arrival order. A unit that waits longer than
        TURN_TIMEOUT_SECONDS gets an error instead: a session opened while the same task's
        other session holds the turn would otherwise wait forever, and every unit after it."""
        if not self.turn.locked():  # free: taken at once, without wait_for's task and timer
            await self.turn.acquire()
            return
        try:
            await asyncio.wait_for(self.turn.acquire(), TURN_TIMEOUT_SECONDS)
        except TimeoutError:
            raise sqlite3.OperationalError(
                f"the database connection was busy for {TURN_TIMEOUT_SECONDS} s"
            ) from None

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
