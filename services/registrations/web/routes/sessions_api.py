"""Sessions for organizers (Bearer token): each session people sign up for, its seats, who
holds one and who waits, in the order of the line. Another organization's event is not
found."""

from fastapi import APIRouter
from pydantic import BaseModel

from services.registrations.storage.sessions import SessionChoice
from services.registrations.storage.tables import Registration
from services.registrations.usecases import sessions
from services.registrations.web.routes.staff_auth import StaffDep, staff_event
from services.registrations.web.schemas import person_name
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events/{slug}",
    tags=["sessions"],
    responses=refusals(401, 404, 422),
)


class SessionPersonOut(BaseModel):
    registration_id: str
    name: str | None  # None once the person's data was erased
    position: int | None  # in the session's line; None for those holding a seat


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
    )
