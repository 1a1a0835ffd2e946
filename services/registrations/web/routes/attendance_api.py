"""Attendance for organizers (Bearer token): each confirmed person's time at the event, read
from the door's entries and exits against the programme's scheduled time, a scan the door
missed added by hand, and the minutes online from the video platform's report (editors).
Another organization's event is not found."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from services.registrations.usecases import attendance
from services.registrations.usecases import online_attendance as online_attendance_usecase
from services.registrations.web.routes.staff_auth import Act, StaffDep, staff_event
from services.registrations.web.schemas import (
    AttendanceReport,
    PersonAttendanceOut,
    ScanIn,
    ScanOut,
    person_name,
)
from shared.errors import Invalid
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events/{slug}",
    tags=["attendance"],
    responses=refusals(401, 404, 422),  # another organization's event is not found
)


@router.get("/attendance")
async def attendance_report(
    slug: str,
    staff: StaffDep,
    session: SessionDep,
    minimum: Annotated[float, Query(ge=0, le=1, description="share of the scheduled time")] = 0.8,
) -> AttendanceReport:
    """Minutes attended and share of the scheduled time for each confirmed person, and
    whether it reaches `minimum` (0.8: 80%)."""
    event = await staff_event(session, staff, slug)
    scheduled, people = await attendance.attendance_by_person(session=session, event=event)
    return AttendanceReport(
        scheduled_minutes=int(scheduled.total_seconds() // 60),
        minimum_share=minimum,
        people=[
            PersonAttendanceOut(
                registration_id=found.registration.id,
                name=person_name(found.registration),
                attended_minutes=int(found.attendance.attended.total_seconds() // 60),
                share=round(found.attendance.share, 4),
                meets_minimum=found.attendance.meets(minimum),
                unpaired_scans=found.attendance.unpaired,
            )
            for found in people
        ],
    )


@router.post(
    "/registrations/{registration_id}/scans", status_code=201, responses=refusals(400, 403, 413)
)
async def add_scan(
    slug: str, registration_id: str, body: ScanIn, staff: StaffDep, session: SessionDep
) -> ScanOut:
    """Add an entry or exit the door missed (say, someone left by another door)."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    scan = await attendance.add_scan(
        session=session,
        event=event,
        registration_id=registration_id,
        at=body.at,
        leaving=body.leaving,
        actor=staff.actor,
        now=datetime.now(UTC),
    )
    assert scan.id is not None
    return ScanOut(
        id=scan.id,
        registration_id=scan.registration_id,
        at=scan.scanned_at,
        leaving=scan.leaving,
        by_hand=scan.by_hand,
    )


class OnlineRecorded(BaseModel):
    people: int  # registered people the report gave minutes to
    not_registered: list[str]  # addresses in the report of nobody confirmed at the event


@router.post(
    "/attendance/online",
    responses=refusals(400, 403, 409, 413),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "the video platform's participants report: email and minutes",
        }
    },
)
async def online_attendance(
    slug: str, request: Request, staff: StaffDep, session: SessionDep
) -> OnlineRecorded:
    """Minutes attended online, from the platform's report (CSV: a column of emails and
    one of minutes; a person's rows are added up). A row that cannot be read changes
    nothing and is named by its number (editors)."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid("The report must be a CSV file in UTF-8") from exc
    recorded = await online_attendance_usecase.record_report(
        session, event=event, text=text, actor=staff.actor, now=datetime.now(UTC)
    )
    return OnlineRecorded(people=recorded.people, not_registered=recorded.not_registered)
