"""Online attendance from the video platform's report (domain/online_report.py): the minutes
of each confirmed person, matched by email; a report with a row that cannot be read changes
nothing, and the people it names who are not registered are said, not guessed at."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.online_report import read_report
from services.registrations.domain.registration_life import Status
from services.registrations.storage.certificates import OnlineAttendance
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.audit_trail import record
from services.registrations.usecases.certificates import AttendanceClosed, settings_of
from shared.errors import Invalid

SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class Recorded:
    """How many registered people the report gave minutes to, and the addresses in it that
    belong to nobody confirmed at the event."""

    people: int
    not_registered: list[str]


async def record_report(
    session: AsyncSession, *, event: EventCopy, text: str, actor: str, now: datetime
) -> Recorded:
    settings = await settings_of(session=session, event_id=event.event_id)
    if settings.closed_at is not None:
        raise AttendanceClosed()
    report = read_report(text)
    if report.problems:
        said = [f"row {number}: {problem}" for number, problem in report.problems]
        more = len(said) - SHOWN_PROBLEMS
        raise Invalid(
            "Nothing was recorded; fix the report and upload it again. "
            + "; ".join(said[:SHOWN_PROBLEMS])
            + (f"; and {more} more" if more > 0 else "")
        )
    confirmed = await _confirmed_by_email(session, event.event_id)
    kept = {
        found.registration_id: found
        for found in (
            await session.exec(
                select(OnlineAttendance).where(OnlineAttendance.event_id == event.event_id)
            )
        ).all()
    }
    people = 0
    for email, minutes in report.minutes.items():
        registration_id = confirmed.get(email)
        if registration_id is None:
            continue
        row = kept.get(registration_id) or OnlineAttendance(
            event_id=event.event_id, registration_id=registration_id, minutes=0,
            recorded_at=now, recorded_by=actor,
        )  # fmt: skip
        row.minutes, row.recorded_at, row.recorded_by = minutes, now, actor
        session.add(row)
        people += 1
    recorded = "online_attendance_recorded"
    record(session, event=event, actor=actor, what=recorded, now=now, subject=str(people))
    await session.commit()
    return Recorded(people, sorted(email for email in report.minutes if email not in confirmed))


async def _confirmed_by_email(session: AsyncSession, event_id: str) -> dict[str, str]:
    found = await session.exec(
        select(Registration.email, Registration.id).where(
            Registration.event_id == event_id,
            Registration.status == Status.CONFIRMED,
            col(Registration.erased_at).is_(None),
        )
    )
    return {email.lower(): registration_id for email, registration_id in found.all()}
