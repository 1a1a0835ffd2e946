"""The sessions a registration form (and a person's page) offers to pick: each with its time,
room and track, and how many of its seats are free, from the session's own row; on the
person's page, theirs ticked, with their seat or their place in the line."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.registration_life import Status
from services.registrations.domain.sessions import offered
from services.registrations.storage.sessions import SessionSeats
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.sessions import choices_of
from shared.catalogs import N_
from shared.contracts import EventSnapshotV1, ProgrammeItemV1


@dataclass(frozen=True)
class Pick:
    item_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    room: str | None
    track: str | None
    seats_left: int


async def session_picks(session: AsyncSession, event: EventCopy) -> tuple[Pick, ...]:
    """The event's sessions with seats, in time order; none for most events, read cheaply."""
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    sessions = offered(snapshot)
    if not sessions:
        return ()
    found = await session.exec(select(SessionSeats).where(SessionSeats.event_id == event.event_id))
    taken = {seats.item_id: seats.taken for seats in found.all()}
    items = _items(snapshot.programme)
    picks = [
        Pick(
            item_id=s.item_id,
            title=s.title,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            room=items[s.item_id].room,
            track=items[s.item_id].track,
            seats_left=max(s.seats - taken.get(s.item_id, 0), 0),
        )
        for s in sessions.values()
    ]
    return tuple(sorted(picks, key=lambda pick: (pick.starts_at, pick.item_id)))


def _items(items: tuple[ProgrammeItemV1, ...]) -> dict[int, ProgrammeItemV1]:
    found: dict[int, ProgrammeItemV1] = {}
    for item in items:
        if item.id is not None:
            found[item.id] = item
        found |= _items(item.items)
    return found


# What the page says after a change (?sessions=...): saved, or refused.
SAID = {"sessions": N_("manage_sessions_saved"), "sessions_overlap": "error_sessions_overlap"}


async def sessions_context(
    session: AsyncSession, registration: Registration, event: EventCopy, said: str | None
) -> dict[str, object]:
    """What a confirmed person's page shows of their sessions (nothing at an event without)."""
    if registration.status != Status.CONFIRMED:
        return {}
    picks = await session_picks(session, event)
    if not picks:
        return {}
    held = await choices_of(session, registration.id)
    return {"picks": picks, "held": held, "sessions_said": SAID.get(said or "")}
