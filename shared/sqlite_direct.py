"""Core statements on SQLite, run straight on the driver connection (shared.sqlite_loop):
the hot path's way (shared.db.execute_core).

Why: SQLAlchemy's execution of a compiled, cached Core statement costs about 75 us of CPU
(an execution context, a cursor wrapper, a result, a greenlet hand-over for each driver
call); the statement itself, on the loop's connection, costs 2-3 us. A registration runs
about ten of them. Here a statement is compiled once for the dialect (the SQL, its parameters
in order, each one's type conversion) and then run with the same conversions SQLAlchemy would
apply, in the session's transaction, with errors raised as SQLAlchemy raises them.

What is not run here (execute_core hands it to SQLAlchemy): a statement with a parameter that
expands (`IN` a list), an INSERT or UPDATE whose columns take Python-side defaults, any
dialect other than SQLite, and a session whose transaction is not (or no longer) open on a
driver connection of ours: SQLAlchemy then begins it, or says why it cannot.
"""

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound
from sqlalchemy.sql import ClauseElement, Executable
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.sqlite_loop import LoopConnection
from shared.sqlite_shared import BEGIN

Convert = Callable[[Any], Any] | None
REQUIRED = object()  # a parameter the caller must give


class Rows:
    """The rows a statement returned, read the way the hot path reads a Core result."""

    __slots__ = ("_rows",)

    def __init__(self, rows: list[Sequence[Any]]) -> None:
        self._rows = rows

    def first(self) -> Sequence[Any] | None:
        return self._rows[0] if self._rows else None

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        if not self._rows:
            raise NoResultFound("No row was found when one was required")
        if len(self._rows) > 1:
            raise MultipleResultsFound("Multiple rows were found when exactly one was required")
        return self._rows[0][0]

    def scalars(self) -> Iterator[Any]:
        return (row[0] for row in self._rows)

    def all(self) -> list[Sequence[Any]]:
        return list(self._rows)


@dataclass(frozen=True)
class Prepared:
    """A statement compiled for SQLite: its SQL, and for each `?` the parameter's name, its
    fixed value (REQUIRED: the caller's) and its conversion; for each column returned, its
    conversion (None: none at all)."""

    sql: str
    parameters: tuple[tuple[str, Any, Convert], ...]
    columns: tuple[Convert, ...] | None

    def values(self, given: Mapping[str, Any]) -> list[Any]:
        values = []
        for name, fixed, convert in self.parameters:
            value = given[name] if fixed is REQUIRED or name in given else fixed
            values.append(value if convert is None or value is None else convert(value))
        return values

    async def run(self, connection: LoopConnection, given: Mapping[str, Any]) -> Rows:
        values = self.values(given)
        cursor = connection.cursor()
        try:
            await cursor.execute(self.sql, values)
            rows = await cursor.fetchall()
        except sqlite3.Error as error:
            raise as_sqlalchemy_error(self.sql, error) from error
        finally:
            await cursor.close()
        if self.columns is not None:
            rows = [tuple(_converted(self.columns, row)) for row in rows]
        return Rows(rows)


def as_sqlalchemy_error(sql: str, error: sqlite3.Error) -> BaseException:
    """The error as SQLAlchemy raises it (IntegrityError, OperationalError...), so callers
    catch one kind whichever way the statement ran; the parameters are not shown."""
    return DBAPIError.instance(sql, None, error, sqlite3.Error, hide_parameters=True)


def begin(driver_connection: Any) -> None:
    """BEGIN through the driver's cursor: the `begin` event runs it for every transaction,
    and SQLAlchemy's execution of it would cost fifteen times the statement."""
    cursor = driver_connection.cursor()
    try:
        cursor.execute(BEGIN)
    except sqlite3.Error as error:
        raise as_sqlalchemy_error(BEGIN, error) from error
    finally:
        cursor.close()


def _converted(columns: tuple[Convert, ...], row: Sequence[Any]) -> Iterator[Any]:
    for convert, value in zip(columns, row, strict=True):
        yield value if convert is None else convert(value)


_PREPARED: dict[tuple[int, frozenset[str]], tuple[Executable, Prepared | None]] = {}


def prepared(
    statement: Executable, dialect: Dialect | None, given: Mapping[str, Any]
) -> Prepared | None:
    """The statement compiled for SQLite with the parameters `given` (an INSERT writes the
    columns given), once; None when SQLAlchemy must run it (see the module's docstring)."""
    if dialect is None or dialect.name != "sqlite":
        return None
    key = (id(statement), frozenset(given))
    found = _PREPARED.get(key)
    if found is None or found[0] is not statement:  # the statement is kept: its id stays its own
        found = (statement, _compile(statement, dialect, given))
        _PREPARED[key] = found
    return found[1]


def _compile(statement: Executable, dialect: Dialect, given: Mapping[str, Any]) -> Prepared | None:
    compiled: Any = cast(ClauseElement, statement).compile(
        dialect=dialect, column_keys=sorted(given)
    )
    binds = [compiled.binds[name] for name in compiled.positiontup or ()]
    defaults = compiled.insert_prefetch or compiled.update_prefetch  # Python-side column defaults
    if defaults or any(bind.expanding for bind in binds):
        return None
    parameters = tuple(
        (
            bind.key,
            REQUIRED if bind.required else bind.effective_value,
            bind.type.dialect_impl(dialect).bind_processor(dialect),
        )
        for bind in binds
    )
    returned = getattr(statement, "exported_columns", ())
    columns = tuple(
        column.type.dialect_impl(dialect).result_processor(dialect, None) for column in returned
    )
    return Prepared(str(compiled), parameters, columns if any(columns) else None)


async def driver_in_transaction(session: AsyncSession) -> LoopConnection | None:
    """The session's driver connection, with its transaction begun (by SQLAlchemy, as ever)
    in a unit of ours; None when SQLAlchemy must run the statement (another driver, or a
    transaction an error ended, which SQLAlchemy refuses with its own message)."""
    sync = session.sync_session
    transaction = sync.get_transaction()
    if transaction is not None and not transaction.is_active:
        return None
    kept = sync.info.get(_KEPT)
    if transaction is None or kept is None or kept[0] is not transaction:
        connection = await session.connection()  # begins the transaction if none is open
        started = connection.sync_connection  # checked out by session.connection()
        assert started is not None
        raw = started.connection  # as get_raw_connection reads it, without its greenlet
        kept = (sync.get_transaction(), raw.driver_connection)
        sync.info[_KEPT] = kept
    driver = kept[1]
    return driver if isinstance(driver, LoopConnection) and driver.in_unit else None


_KEPT = "convegni.driver"  # the session's transaction, and its driver connection
