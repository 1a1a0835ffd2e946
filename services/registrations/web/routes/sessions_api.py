"""Sessions for organizers (Bearer token): each session people sign up for, its seats, who
holds one (and when they arrived, where the session's door checks people in) and who waits,
in the order of the line; check-in at a session's door, for door staff too. Another
organization's event is not found."""

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from services.registrations.context import CtxDep
from services.registrations.storage.sessions import SessionChoice
from services.registrations.storage.tables import Registration
from services.registrations.usecases import session_checkin, sessions
from services.registrations.usecases.checkin import AlreadyCheckedIn
from services.registrations.web.routes.staff_auth import DoorStaffDep, StaffDep, staff_event
from services.registrations.web.schemas import AlreadyIn, CheckedIn, CheckInRequest, person_name
from shared.web.deps import SessionDep
from shared.web.errors import ErrorOut, refusals
from shared.web.timefmt import clock

router = APIRouter(
    prefix="/api/organizer/events/{slug}",
    tags=["sessions"],
    responses=refusals(401, 404, 422),
)


class SessionPersonOut(BaseModel):
    registration_id: str
    name: str | None  # None once the person's data was erased
    position: int | None  # in the session's line; None for those holding a seat
    checked_in_at: datetime | None = None  # arrived at the session's door


class SessionOut(BaseModel):
    item_id: int
    title: str
    capacity: int
    seated: list[SessionPersonOut]
    waiting: list[SessionPersonOut]  # first in line first


@router.get("/sessions")
async def session_lists(slug: str, staff: StaffDep, session: SessionDep) -> list[SessionOut]:
    """Each session with seats: who holds one, and who waits, in order."""
    event = await staff_event(session, staff, slug)
    return [
        SessionOut(
            item_id=found.item_id,
            title=found.title,
            capacity=found.capacity,
            seated=[_person(c, r) for c, r in found.seated],
            waiting=[_person(c, r) for c, r in found.waiting],
        )
        for found in await sessions.lists(session, event)
    ]


def _person(choice: SessionChoice, registration: Registration) -> SessionPersonOut:
    return SessionPersonOut(
        registration_id=registration.id,
        name=person_name(registration),
        position=choice.position,
        checked_in_at=choice.checked_in_at,
    )


@router.post(
    "/sessions/{item_id}/checkins",
    status_code=201,
    response_model=CheckedIn,
    responses={
        **refusals(400, 413),
        409: {
            "model": AlreadyIn | ErrorOut,
            "description": "Checked in already (with the first time), no seat in this session "
            "(waiting, or not signed up), or not confirmed",
        },
    },
)
async def session_checkin_api(
    slug: str,
    item_id: int,
    body: CheckInRequest,
    staff: DoorStaffDep,
    session: SessionDep,
    ctx: CtxDep,
) -> Any:
    """201 with who arrived at the session; 409 with the first check-in's time, or when the
    person holds no seat in it; 404 for a session or ticket not of this event."""
    event, now = await staff_event(session, staff, slug), datetime.now(UTC)
    try:
        registration = await session_checkin.check_in(
            session=session,
            event=event,
            item_id=item_id,
            code=body.code,
            registration_id=body.registration_id,
            secret=ctx.links.secret,
            now=now,
        )
    except AlreadyCheckedIn as twice:
        detail = f"Already checked in to this session at {clock(twice.at, event.timezone)}"
        refusal = AlreadyIn(detail=detail, checked_in_at=twice.at)
        return JSONResponse(refusal.model_dump(mode="json"), status_code=409)
    return CheckedIn(
        registration_id=registration.id,
        name=person_name(registration),
        checked_in_at=now,
    )
