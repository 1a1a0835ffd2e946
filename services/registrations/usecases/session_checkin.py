"""Check-in at a session's door, where the organizer wants it (a workshop table whose
attendance they count): by the ticket's code or by name, for people holding a seat in that
session; once each, whichever devices scan. It says nothing about the event's own door."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.registration_life import Status
from services.registrations.domain.sessions import Offered, offered
from services.registrations.storage.sessions import SessionChoice
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.checkin import (
    AlreadyCheckedIn,
    at_event,
    registration_for_code,
)
from shared.contracts import EventSnapshotV1
from shared.errors import Conflict, Invalid, NotFound


class NotInSession(Conflict):
    """The person holds no seat in this session: waiting at `position` in its line, or
    (None) they did not choose it."""

    def __init__(self, position: int | None) -> None:
        where = f"waiting at place {position} in its line" if position else "not signed up"
        super().__init__(f"No seat in this session: {where}")
        self.position = position


def session_of(event: EventCopy, item_id: int) -> Offered:
    """The event's session `item_id`; NotFound for an item one does not sign up for."""
    found = offered(EventSnapshotV1.model_validate_json(event.snapshot)).get(item_id)
    if found is None:
        raise NotFound("No such session at this event")
    return found


async def check_in(
    *,
    session: AsyncSession,
    event: EventCopy,
    item_id: int,
    code: str | None,
    registration_id: str | None,
    secret: str,
    now: datetime,
) -> Registration:
    """Mark a person with a seat in the session as arrived there; a second scan is refused
    with the first one's time (the UPDATE is conditional: two devices cannot both succeed)."""
    session_of(event, item_id)
    if code and code.strip():
        registration_id = await registration_for_code(
            session=session, event=event, code=code, secret=secret
        )
    if not registration_id:
        raise Invalid("Give a ticket code or a registration")
    registration = await at_event(session, event, registration_id)
    if registration.status != Status.CONFIRMED:
        raise Conflict(f"This registration is {registration.status}, not confirmed")
    choice = await session.get(SessionChoice, (registration_id, item_id))
    if choice is None or not choice.seated:
        raise NotInSession(choice.position if choice else None)
    arrived = await session.exec(
        update(SessionChoice)
        .where(
            col(SessionChoice.registration_id) == registration_id,
            col(SessionChoice.item_id) == item_id,
            col(SessionChoice.checked_in_at).is_(None),
        )
        .values(checked_in_at=now)
    )
    if arrived.rowcount != 1:
        await session.rollback()
        await session.refresh(event)  # the rollback expired every row: callers still read it
        first = await session.get(SessionChoice, (registration_id, item_id))
        assert first is not None and first.checked_in_at is not None
        raise AlreadyCheckedIn(first.checked_in_at)
    await session.commit()
    return registration


@dataclass(frozen=True)
class SessionAttendance:
    checked_in: int
    seated: int


async def attendance(session: AsyncSession, event_id: str, item_id: int) -> SessionAttendance:
    """How many of those with a seat in the session have arrived."""
    found = await session.exec(
        select(func.count(), func.count(col(SessionChoice.checked_in_at))).where(
            SessionChoice.event_id == event_id,
            SessionChoice.item_id == item_id,
            col(SessionChoice.seated).is_(True),
        )
    )
    seated, arrived = found.one()
    return SessionAttendance(checked_in=int(arrived), seated=int(seated))
