"""Tickets' short codes: one no one else at the event has for a new registration, and the
registration a code typed at the door names. They read in the caller's transaction and
never commit."""

from sqlalchemy import bindparam
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.errors import MistypedCode, UnknownCode
from services.registrations.domain.ticket_codes import CodeMistyped, new_code, read_code
from services.registrations.storage.tables import EventCopy, Registration
from shared.db import execute_core

REGISTRATIONS = Registration.__table__  # type: ignore[attr-defined]  # a table model's
# Built once, Core on the table: every new registration runs it (shared.db.execute_core).
CODE_TAKEN = select(REGISTRATIONS.c.id).where(
    REGISTRATIONS.c.event_id == bindparam("event_id"),
    REGISTRATIONS.c.short_code == bindparam("code"),
)


async def unused_short_code(session: AsyncSession, event_id: str) -> str:
    """A short code no one at this event has. Registering holds the event's row lock (the
    seat or waitlist UPDATE) when it asks, so no one else can take it before the commit;
    the unique constraint is the backstop."""
    while True:
        code = new_code()
        found = await execute_core(session, CODE_TAKEN, {"event_id": event_id, "code": code})
        if found.first() is None:
            return code


async def registration_for_short_code(
    session: AsyncSession, event: EventCopy, typed: str
) -> Registration:
    """The registration whose short code was typed (any case, separators anywhere)."""
    try:
        code = read_code(typed)
    except CodeMistyped as exc:
        raise MistypedCode() from exc
    found = await session.exec(
        select(Registration).where(
            Registration.event_id == event.event_id, Registration.short_code == code
        )
    )
    registration = found.first()
    if registration is None:
        raise UnknownCode()
    return registration
