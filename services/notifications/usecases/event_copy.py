"""This service's copy of events, kept from the EVENTS stream: the newest snapshot of each, so
that an email is composed from the event as it is when the email leaves."""

from functools import lru_cache

from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.storage.tables import KnownEvent
from shared.contracts import EventSnapshotV1

# The snapshots read in one transaction, by event id: a batch of facts about one event
# reads and parses its copy once.
READ = "known_events"


async def remember_event(session: AsyncSession, snapshot: EventSnapshotV1) -> EventSnapshotV1:
    """Keep the newest snapshot of an event and return it; an older revision changes nothing."""
    known = await session.get(KnownEvent, snapshot.id)
    if known is not None and known.revision >= snapshot.revision:
        return parsed(known.snapshot)
    known = known or KnownEvent(event_id=snapshot.id, revision=0, snapshot="")
    known.revision, known.snapshot = snapshot.revision, snapshot.model_dump_json()
    session.add(known)
    session.info.setdefault(READ, {})[snapshot.id] = snapshot
    return snapshot


async def known_event(session: AsyncSession, event_id: str) -> EventSnapshotV1 | None:
    """The newest snapshot heard of an event, None before the first."""
    read: dict[str, EventSnapshotV1 | None] = session.info.setdefault(READ, {})
    if event_id not in read:
        known = await session.get(KnownEvent, event_id)
        read[event_id] = parsed(known.snapshot) if known else None
    return read[event_id]


@lru_cache(maxsize=32)
def parsed(snapshot: str) -> EventSnapshotV1:
    """A stored snapshot as the contract; the same text gives the same (frozen) object, so
    what is built from it once (an email's shared parts) is found again."""
    return EventSnapshotV1.model_validate_json(snapshot)
