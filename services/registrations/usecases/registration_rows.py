"""A registration's row on the hot path: found by address, and written. Core statements on
the table (shared.db.execute_core): most addresses are new, and only one that is found needs
its row loaded as an object; a new registration's object stays outside the session, which
then has nothing to flush."""

from sqlalchemy import bindparam, insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.storage.tables import Registration
from shared.db import execute_core

REGISTRATIONS = Registration.__table__  # type: ignore[attr-defined]  # a table model's
# Built once.
ID_BY_EMAIL = select(REGISTRATIONS.c.id).where(
    REGISTRATIONS.c.event_id == bindparam("event_id"),
    REGISTRATIONS.c.email_key == bindparam("email_key"),
)
INSERT = insert(REGISTRATIONS)


async def by_email(session: AsyncSession, event_id: str, email_key: str) -> Registration | None:
    found = await execute_core(session, ID_BY_EMAIL, {"event_id": event_id, "email_key": email_key})
    registration_id = found.scalar()
    return None if registration_id is None else await session.get(Registration, registration_id)


async def store(session: AsyncSession, registration: Registration, *, new: bool) -> None:
    """A new registration written with a Core INSERT (its object stays outside the session,
    which has nothing to flush); a renewed one through the session, which holds it."""
    if new:
        row = {column.key: getattr(registration, column.key) for column in REGISTRATIONS.columns}
        await execute_core(session, INSERT, row)
        return
    session.add(registration)
    await session.flush()  # PostgreSQL checks the unique address here, SQLite at commit
