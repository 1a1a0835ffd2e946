"""A person's private calendar feed: its address names a random feed id shared by all the
registrations of one email address, never the address itself (which calendar providers,
proxies and logs would otherwise keep)."""

import secrets

from sqlalchemy import bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.registration_life import ENDED, HOLDS_SEAT
from services.registrations.storage.tables import EventCopy, Registration
from shared.db import execute_core

IN_FEED = HOLDS_SEAT | ENDED  # waitlisted people have no calendar entry yet


REGISTRATIONS = Registration.__table__  # type: ignore[attr-defined]  # a table model's
# Built once, Core on the table: every new registration runs it (shared.db.execute_core).
FEED_OF_ADDRESS = select(REGISTRATIONS.c.feed_id).where(
    REGISTRATIONS.c.email_key == bindparam("email_key"),
    REGISTRATIONS.c.erased_at.is_(None),
    REGISTRATIONS.c.feed_id != "",
)


async def feed_id_of(session: AsyncSession, email_key: str) -> str:
    """The address's feed id, from its other registrations, else a new random one (read in
    the caller's transaction, never committed here)."""
    found = await execute_core(session, FEED_OF_ADDRESS, {"email_key": email_key})
    return found.scalar() or secrets.token_urlsafe(24)


async def address_of(session: AsyncSession, feed_id: str) -> str | None:
    """The email key whose feed this is; None for an id no one on file has."""
    if not feed_id:
        return None
    found = await session.exec(
        select(Registration.email_key).where(
            Registration.feed_id == feed_id, col(Registration.erased_at).is_(None)
        )
    )
    return found.first()


async def feed_entries(
    session: AsyncSession, email_key: str
) -> list[tuple[Registration, EventCopy]]:
    """Every registration of the address with a calendar entry, by the event's start. Two
    registrations made at the same moment may have drawn two feed ids: either id finds the
    address, and the address finds them all."""
    found = await session.exec(
        select(Registration, EventCopy)
        .join(EventCopy, col(EventCopy.event_id) == col(Registration.event_id))
        .where(
            Registration.email_key == email_key,
            col(Registration.erased_at).is_(None),
            col(Registration.status).in_(IN_FEED),
        )
        .order_by(col(EventCopy.starts_at))
    )
    return list(found.all())
