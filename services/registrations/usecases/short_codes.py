"""Tickets' short codes: one no one else at the event has for a new registration, and the
registration a code typed at the door names. They read in the caller's transaction and
never commit."""

from sqlalchemy import bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.errors import MistypedCode, UnknownCode
from services.registrations.domain.ticket_codes import CodeMistyped, new_code, read_code
from services.registrations.storage.tables import EventCopy, Registration

# Built once (see event_copy.BY_SLUG).
CODE_TAKEN = select(col(Registration.id)).where(
    col(Registration.event_id) == bindparam("event_id"),
    col(Registration.short_code) == bindparam("code"),
)


async def unused_short_code(session: AsyncSession, event_id: str) -> str:
    """A short code no one at this event has. Registering holds the event's row lock (the
    seat or waitlist UPDATE) when it asks, so no one else can take it before the commit;
    the unique constraint is the backstop."""
    while True:
        code = new_code()
        found = await session.exec(CODE_TAKEN, params={"event_id": event_id, "code": code})
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
