"""SQLite run in the event loop's thread (shared/sqlite_loop.py): another process holding the
write lock makes a transaction wait in a thread, never on the loop, and the transaction goes
through once the lock is free."""

import asyncio
import sqlite3
import time

import pytest
from sqlalchemy import text

from shared.db import create_engine, session_factory
from shared.sqlite_loop import loop_connector

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
