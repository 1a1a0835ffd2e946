"""Core statements run straight on SQLite's driver connection (shared/sqlite_direct.py): the
same rows, the same stored values and the same errors as SQLAlchemy's own execution, in the
session's transaction; what it cannot run goes to SQLAlchemy."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, NoResultFound

from shared import sqlite_direct
from shared.db import UTCDateTime, create_engine, execute_core, session_factory

pytestmark = pytest.mark.integration

METADATA = MetaData()
PEOPLE = Table(
    "people",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("email", String, nullable=False, unique=True),
    Column("seen_at", UTCDateTime(), nullable=True),
    Column("naive_at", DateTime(), nullable=True),
    Column("visits", Integer, nullable=False, server_default="0"),
)
ADD = insert(PEOPLE)
BY_EMAIL = select(PEOPLE.c.id, PEOPLE.c.seen_at).where(PEOPLE.c.email == bindparam("email"))
VISIT = (
    update(PEOPLE)
    .where(PEOPLE.c.email == bindparam("who"))
    .values(visits=PEOPLE.c.visits + 1)
    .returning(PEOPLE.c.visits, PEOPLE.c.seen_at)
)
IN_LIST = select(PEOPLE.c.id).where(PEOPLE.c.email.in_(bindparam("emails", expanding=True)))
SEEN = datetime(2026, 3, 14, 9, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture
async def sessions(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'direct.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(METADATA.create_all)
    yield session_factory(engine)
    await engine.dispose()


async def stored(sessions, sql: str) -> list[tuple]:
    """Rows as SQLAlchemy's own execution reads them, in a transaction of their own."""
    async with sessions() as session:
        return [tuple(row) for row in (await session.execute(text(sql))).all()]


async def test_values_are_stored_as_sqlalchemy_stores_them(sessions):
    async with sessions() as session:
        await execute_core(session, ADD, {"email": "direct@comune.it", "seen_at": SEEN})
        await (await session.connection()).execute(ADD, {"email": "orm@comune.it", "seen_at": SEEN})
        await session.commit()

    rows = await stored(sessions, "SELECT email, seen_at FROM people ORDER BY id")

    assert rows[0][1] == rows[1][1]  # the same text in the file, whichever way it was written


async def test_rows_come_back_converted(sessions):
    async with sessions() as session:
        await execute_core(session, ADD, {"email": "maria@comune.it", "seen_at": SEEN})
        found = (await execute_core(session, BY_EMAIL, {"email": "maria@comune.it"})).first()
        visits, seen = (await execute_core(session, VISIT, {"who": "maria@comune.it"})).first()
        missing = await execute_core(session, BY_EMAIL, {"email": "nobody@comune.it"})
        await session.commit()

    assert found is not None and found[1] == SEEN
    assert (visits, seen) == (1, SEEN)
    assert missing.scalar() is None


async def test_a_duplicate_raises_sqlalchemys_integrity_error(sessions):
    async with sessions() as session:
        await execute_core(session, ADD, {"email": "twice@comune.it"})
        with pytest.raises(IntegrityError):
            await execute_core(session, ADD, {"email": "twice@comune.it"})
        await session.rollback()

    assert await stored(sessions, "SELECT email FROM people") == []


async def test_statements_run_in_the_sessions_transaction(sessions):
    async with sessions() as session:
        await execute_core(session, ADD, {"email": "undone@comune.it"})
        await session.rollback()
        await execute_core(session, ADD, {"email": "kept@comune.it"})
        await session.commit()

    assert await stored(sessions, "SELECT email FROM people") == [("kept@comune.it",)]


async def test_scalar_one_refuses_no_row(sessions):
    async with sessions() as session:
        with pytest.raises(NoResultFound):
            (await execute_core(session, BY_EMAIL, {"email": "nobody@comune.it"})).scalar_one()


async def test_what_it_cannot_run_goes_to_sqlalchemy(sessions):
    async with sessions() as session:
        engine = session.bind
        await execute_core(session, ADD, {"email": "a@comune.it"})
        await execute_core(session, ADD, {"email": "b@comune.it"})
        found = await execute_core(session, IN_LIST, {"emails": ["a@comune.it", "b@comune.it"]})
        await session.commit()

    assert sorted(found.scalars()) == [1, 2]
    assert sqlite_direct.prepared(IN_LIST, engine.dialect, {"emails": []}) is None
    assert sqlite_direct.prepared(BY_EMAIL, engine.dialect, {"email": ""}) is not None


async def test_a_missing_parameter_is_an_error_not_a_null(sessions):
    async with sessions() as session:
        with pytest.raises(KeyError):
            await execute_core(session, BY_EMAIL, {})


async def test_naive_datetimes_round_trip(sessions):
    when = datetime(2026, 12, 6, 10, 0) + timedelta(microseconds=7)
    async with sessions() as session:
        await execute_core(session, ADD, {"email": "naive@comune.it", "naive_at": when})
        await session.commit()

    async with sessions() as session:
        read = (await session.execute(select(PEOPLE.c.naive_at))).scalar_one()

    assert read == when
