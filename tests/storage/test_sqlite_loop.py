"""SQLite run in the event loop's thread (shared/sqlite_loop.py): another process holding the
write lock makes a transaction wait in a thread, never on the loop, and the transaction goes
through once the lock is free."""

import asyncio
import sqlite3
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from shared import sqlite_shared
from shared.db import create_engine, session_factory
from shared.sqlite_loop import loop_connector
from shared.sqlite_shared import group_commit

pytestmark = pytest.mark.integration


@pytest.fixture
async def sessions(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'loop.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE seen (n INTEGER)"))
    yield session_factory(engine)
    await engine.dispose()


async def run(session, sql: str):
    connection = await session.connection()
    return await connection.execute(text(sql))


async def ticks_while(work) -> tuple[object, int]:
    """`work`'s result, and how often a 10 ms ticker ran meanwhile (0: the loop was frozen)."""
    ticked = 0

    async def ticker() -> None:
        nonlocal ticked
        while True:
            await asyncio.sleep(0.01)
            ticked += 1

    running = asyncio.create_task(ticker())
    try:
        return await work, ticked
    finally:
        running.cancel()


async def test_a_lock_held_elsewhere_is_waited_for_off_the_loop(sessions, tmp_path):
    other = sqlite3.connect(tmp_path / "loop.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's writer, holding the lock
    loop = asyncio.get_running_loop()
    loop.call_later(0.3, other.commit)

    async def write() -> float:
        started = time.perf_counter()
        async with sessions() as session:
            await run(session, "INSERT INTO seen VALUES (1)")
            await session.commit()
        return time.perf_counter() - started

    waited, ticked = await ticks_while(write())

    assert waited >= 0.25
    assert ticked >= 10
    async with sessions() as session:
        assert (await run(session, "SELECT count(*) FROM seen")).scalar_one() == 1
    other.close()


async def test_statements_and_rollbacks_keep_their_meaning(sessions):
    async with sessions() as session:
        await run(session, "INSERT INTO seen VALUES (1)")
        await session.rollback()
        await run(session, "INSERT INTO seen VALUES (2)")
        await session.commit()

    async with sessions() as session:
        rows = (await run(session, "SELECT n FROM seen")).scalars().all()

    assert rows == [2]


async def test_a_cancelled_commit_ends_before_the_connection_is_closed(tmp_path):
    # A commit waits in a thread (here for a reader that holds the database); its caller is
    # cancelled meanwhile. Closing the connection under the thread's commit would crash the
    # interpreter: the cancellation waits for the commit to end, which then counts.
    path = tmp_path / "cancelled.db"
    connection = await loop_connector(path, busy_timeout_ms=10_000)()
    await connection.execute("CREATE TABLE seen (n INTEGER)")
    await connection.execute("BEGIN")
    await connection.execute("INSERT INTO seen VALUES (1)")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM seen").fetchone()  # a shared lock: no commit now

    committing = asyncio.create_task(connection.commit())
    await asyncio.sleep(0.2)  # let the commit reach its thread and wait for the lock there
    committing.cancel()
    await asyncio.sleep(0.2)
    assert not committing.done()  # still waiting for its thread

    reader.execute("COMMIT")
    with pytest.raises(asyncio.CancelledError):
        await committing
    await connection.close()
    (count,) = reader.execute("SELECT count(*) FROM seen").fetchone()
    reader.close()
    assert count == 1


# Group commit (shared/sqlite_loop.py): units begun inside group_commit() share one COMMIT.


@pytest.fixture
async def grouped(tmp_path):
    """Sessions on a database with a unique column and a deferred foreign key, the COMMITs
    sent to SQLite counted by its trace callback, and a reader of its own."""
    path = tmp_path / "grouped.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE seen (n INTEGER UNIQUE)"))
        await connection.execute(text("CREATE TABLE parent (id INTEGER PRIMARY KEY)"))
        await connection.execute(
            text(
                "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) "
                "DEFERRABLE INITIALLY DEFERRED)"
            )
        )
    # The pool's connections made beforehand: a new one's set-up commits what is pending, so
    # the units below would not share a batch.
    warm = [await engine.connect() for _ in range(4)]
    for connection in warm:
        await connection.close()
    commits: list[str] = []
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        raw.driver_connection.shared.conn.set_trace_callback(
            lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None
        )
    reader = sqlite3.connect(path, isolation_level=None)
    yield session_factory(engine), commits, reader
    reader.close()
    await engine.dispose()


def on_disk(reader: sqlite3.Connection, sql: str) -> int:
    return reader.execute(sql).fetchone()[0]


async def batched(sessions, *statements: str) -> None:
    with group_commit():
        async with sessions() as session:
            for sql in statements:
                await run(session, sql)
            await session.commit()


async def test_a_batched_unit_is_on_disk_when_its_commit_returns(grouped):
    sessions, commits, reader = grouped
    seen_at_return: dict[int, int] = {}

    async def register(n: int) -> None:
        await batched(sessions, f"INSERT INTO seen VALUES ({n})")
        seen_at_return[n] = on_disk(reader, f"SELECT count(*) FROM seen WHERE n = {n}")

    commits.clear()
    await asyncio.gather(*(register(n) for n in range(40)))

    assert seen_at_return == {n: 1 for n in range(40)}
    assert on_disk(reader, "SELECT count(*) FROM seen") == 40
    assert 1 <= len(commits) < 40  # shared: far fewer COMMITs than units


async def test_a_refused_unit_leaves_the_rest_of_its_batch(grouped):
    sessions, _, reader = grouped
    results = await asyncio.gather(
        *(batched(sessions, f"INSERT INTO seen VALUES ({n % 10})") for n in range(11)),
        return_exceptions=True,
    )

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], IntegrityError)
    assert on_disk(reader, "SELECT count(*) FROM seen") == 10


async def test_a_failed_batch_commit_answers_none_of_its_units(grouped):
    # The deferred foreign key fails at COMMIT: the batch's other unit, whose own rows were
    # fine, must not be told it is saved.
    sessions, _, reader = grouped
    results = await asyncio.gather(
        batched(sessions, "INSERT INTO parent VALUES (1)", "INSERT INTO seen VALUES (1)"),
        batched(sessions, "INSERT INTO child VALUES (99)"),
        return_exceptions=True,
    )

    assert all(isinstance(r, IntegrityError) for r in results), results
    assert on_disk(reader, "SELECT count(*) FROM parent") == 0
    assert on_disk(reader, "SELECT count(*) FROM seen") == 0
    await batched(sessions, "INSERT INTO seen VALUES (2)")  # and the connection goes on
    assert on_disk(reader, "SELECT count(*) FROM seen") == 1


async def test_an_unbatched_unit_reads_only_what_is_on_disk(grouped):
    # The outbox relay publishes what it reads: a batched row it can see must be committed.
    sessions, _, reader = grouped
    visible_then: list[int] = []

    async def relay() -> None:
        async with sessions() as session:
            read = (await run(session, "SELECT count(*) FROM seen")).scalar_one()
            visible_then.append(read)
            visible_then.append(on_disk(reader, "SELECT count(*) FROM seen"))
            await session.commit()

    await asyncio.gather(
        *(batched(sessions, f"INSERT INTO seen VALUES ({n})") for n in range(5)), relay()
    )

    read, committed = visible_then
    assert read == committed


async def test_a_session_waiting_behind_its_own_task_gets_an_error_not_a_hang(
    sessions, monkeypatch
):
    monkeypatch.setattr(sqlite_shared, "TURN_TIMEOUT_SECONDS", 0.2)
    async with sessions() as holding:
        await run(holding, "INSERT INTO seen VALUES (1)")
        async with sessions() as nested:
            with pytest.raises(OperationalError, match="busy"):
                await run(nested, "SELECT count(*) FROM seen")
        await holding.commit()
    async with sessions() as session:  # and the connection goes on
        assert (await run(session, "SELECT count(*) FROM seen")).scalar_one() == 1


async def test_new_connections_join_while_a_batch_commits(tmp_path):
    # The pool makes its views as the rush grows, while batches are pending: making one
    # must fail no unit. (The bench once saw SQLite refuse a view's new function while a
    # batch's COMMIT ran in its thread; functions are now made once, in the turn.)
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'cold.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE seen (n INTEGER)"))
    sessions = session_factory(engine)
    try:
        results = await asyncio.gather(
            *(batched(sessions, f"INSERT INTO seen VALUES ({n})") for n in range(300)),
            return_exceptions=True,
        )
        assert [r for r in results if r is not None] == []
    finally:
        await engine.dispose()
