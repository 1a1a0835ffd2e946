"""Attendance as organizers read it: each confirmed person's time at the event from their
door scans (domain/attendance.py) and the minutes the video platform's report gave them
online (usecases/online_attendance.py), and scans an organizer adds by hand for one the door
missed (the exit of someone who left by another door)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.attendance import Attendance, Scan, attendance
from services.registrations.domain.registration_life import Status
from services.registrations.storage.certificates import OnlineAttendance
from services.registrations.storage.tables import DoorScan, EventCopy, Registration
from services.registrations.usecases.audit_trail import record
from shared.contracts import EventSnapshotV1
from shared.errors import Invalid, NotFound


@dataclass(frozen=True)
class PersonAttendance:
    registration: Registration
    attendance: Attendance


async def attendance_by_person(
    *, session: AsyncSession, event: EventCopy
) -> tuple[timedelta, list[PersonAttendance]]:
    """(scheduled time, each confirmed person's attendance), by last name."""
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    people = (
        await session.exec(
            select(Registration)
            .where(
                Registration.event_id == event.event_id,
                Registration.status == Status.CONFIRMED,
            )
            .order_by(col(Registration.last_name), col(Registration.first_name))
        )
    ).all()
    scans: dict[str, list[Scan]] = {}
    for found in (
        await session.exec(select(DoorScan).where(DoorScan.event_id == event.event_id))
    ).all():
        scans.setdefault(found.registration_id, []).append(Scan(found.scanned_at, found.leaving))
    online = await _online_minutes(session, event.event_id)
    counted = [
        PersonAttendance(
            person, attendance(snapshot, scans.get(person.id, []), online.get(person.id, 0))
        )
        for person in people
    ]
    scheduled = attendance(snapshot, []).scheduled
    return scheduled, counted


async def _online_minutes(session: AsyncSession, event_id: str) -> dict[str, int]:
    """registration id -> minutes attended online, as the platform's reports said."""
    found = await session.exec(
        select(OnlineAttendance.registration_id, OnlineAttendance.minutes).where(
            OnlineAttendance.event_id == event_id
        )
    )
    return dict(found.all())


async def add_scan(
    *,
    session: AsyncSession,
    event: EventCopy,
    registration_id: str,
    at: datetime,
    leaving: bool,
    actor: str,
    now: datetime,
) -> DoorScan:
    """A scan the door missed, added by an organizer: it counts for attendance like one
    scanned, and says it was added by hand. The door's own state (who is inside now) is not
    touched: the scan corrects the record, not the door. A time without an offset is the
    event's local time."""
    registration = await session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.event_id:
        raise NotFound("No such registration at this event")
    if at.tzinfo is None:  # the event's local time, as its programme is written
        at = at.replace(tzinfo=ZoneInfo(event.timezone))
    if not _within_event_days(event, at):
        raise Invalid("The scan's time is not on a day of the event")
    scan = DoorScan(
        registration_id=registration_id,
        event_id=event.event_id,
        scanned_at=at,
        leaving=leaving,
        scanned_by=actor,
        by_hand=True,
    )
    session.add(scan)
    what = "checked_out" if leaving else "checked_in"
    record(session, event=event, actor=actor, what=what, now=now, registration=registration)
    await session.commit()
    return scan


def _within_event_days(event: EventCopy, at: datetime) -> bool:
    zone = ZoneInfo(event.timezone)
    day = at.astimezone(zone).date()
    return event.starts_at.astimezone(zone).date() <= day <= event.ends_at.astimezone(zone).date()
