"""JSON API: register, and read an event's availability."""

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.registrations import services
from services.registrations.domain.form import check_form
from services.registrations.domain.window import registration_state
from shared.errors import Invalid
from shared.web.deps import CtxDep, SessionDep

router = APIRouter(prefix="/api/events", tags=["registrations"])


class RegistrationRequest(BaseModel):
    first_name: str = Field(max_length=10_000)
    last_name: str = Field(max_length=10_000)
    email: str = Field(max_length=10_000)
    organization: str | None = Field(default=None, max_length=10_000)
    privacy_consent: bool
    language: Literal["it", "en"] = "it"


class RegistrationCreated(BaseModel):
    id: str
    status: str
    event_id: str


class Availability(BaseModel):
    event_id: str
    state: str
    capacity: int
    seats_left: int


@router.get("/{slug}/availability")
async def availability(slug: str, session: SessionDep) -> Availability:
    """Whether the event takes registrations now, and how many seats are left."""
    event = await services.find_event(session=session, slug=slug)
    return Availability(
        event_id=event.event_id,
        state=registration_state(event, datetime.now(UTC)),
        capacity=event.capacity,
        seats_left=max(event.capacity - event.seats_taken, 0),
    )


@router.post("/{slug}/registrations", status_code=201)
async def register(
    slug: str, body: RegistrationRequest, session: SessionDep, ctx: CtxDep
) -> RegistrationCreated:
    """Register one person; 409 when full, closed or already registered."""
    fields = body.model_dump(exclude={"language", "privacy_consent"}, exclude_none=True)
    person, errors = check_form({**fields, "privacy_consent": "on" if body.privacy_consent else ""})
    if person is None:
        raise Invalid(
            "The registration has fields to fix",
            details=[f"{name}: {code}" for name, code in errors.items()],
        )
    registration = await services.register(
        session=session, slug=slug, person=person, language=body.language, now=datetime.now(UTC)
    )
    ctx.relay.wake()
    return RegistrationCreated(
        id=registration.id, status=registration.status, event_id=registration.event_id
    )
