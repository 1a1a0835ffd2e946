"""This service's copy of events, kept from the EVENTS stream: the newest snapshot of each, so
that an email is composed from the event as it is when the email leaves."""

from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.storage.tables import KnownEvent
from shared.contracts import EventSnapshotV1


async def remember_event(session: AsyncSession, snapshot: EventSnapshotV1) -> EventSnapshotV1:
    """Keep the newest snapshot of an event and return it; an older revision changes nothing."""
    known = await session.get(KnownEvent, snapshot.id)
    if known is not None and known.revision >= snapshot.revision:
        return EventSnapshotV1.model_validate_json(known.snapshot)
    known = known or KnownEvent(event_id=snapshot.id, revision=0, snapshot="")
    known.revision, known.snapshot = snapshot.revision, snapshot.model_dump_json()
    session.add(known)
    return snapshot


async def known_event(session: AsyncSession, event_id: str) -> EventSnapshotV1 | None:
    """The newest snapshot heard of an event, None before the first."""
    known = await session.get(KnownEvent, event_id)
    return EventSnapshotV1.model_validate_json(known.snapshot) if known else None
