"""The organizers' JSON API of an event's registrations (Bearer token): list and read them,
confirm or decline by hand, erase a person's data, and the event's summary. Another
organization's event is not found; changes need the editor role."""

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from services.registrations.context import CtxDep
from services.registrations.storage.tables import EventCopy, Question
from services.registrations.usecases import organizer
from services.registrations.usecases.event_copy import questions_of
from services.registrations.web.routes.staff_auth import Act, StaffDep, staff_event
from services.registrations.web.schemas import (
    Accessibility,
    Attendance,
    RegistrationOut,
    SummaryOut,
)
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events/{slug}",
    tags=["organizer"],
    responses=refusals(401, 404, 422),  # another organization's event is not found
)
DECISION = refusals(403, 409)  # a viewer; a registration past deciding


def _answers(questions: list[Question], given: dict[int, str]) -> dict[str, str | list[str]]:
    kinds = {q.id: q.kind for q in questions}
    return {
        str(qid): json.loads(value) if kinds.get(qid) == "multiple" else value
        for qid, value in given.items()
    }


async def _event(session: SessionDep, staff: StaffDep, slug: str, action: Act) -> EventCopy:
    """The staff's own event (else 404), then the role (else 403): in that order, so another
    organization learns nothing of the event."""
    event = await staff_event(session, staff, slug)
    staff.require(action)
    return event


@router.get("/registrations")
async def list_registrations(
    slug: str,
    staff: StaffDep,
    session: SessionDep,
    status: Annotated[str | None, Query(max_length=20)] = None,
    mode: Annotated[str | None, Query(max_length=20)] = None,
    organization: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> list[RegistrationOut]:
    """The event's registrations in arrival order, filtered by status, mode, organization
    and a text found in the name, email or organization."""
    event = await _event(session, staff, slug, Act.READ)
    filters = organizer.Filters(status=status, mode=mode, organization=organization, text=q)
    found = await organizer.registrations(session=session, event_id=event.event_id, filters=filters)
    return [RegistrationOut.of(registration) for registration in found]


@router.get("/registrations/{registration_id}")
async def get_registration(
    slug: str, registration_id: str, staff: StaffDep, session: SessionDep
) -> RegistrationOut:
    """One registration, with the answers to the event's own questions."""
    event = await _event(session, staff, slug, Act.READ)
    registration = await organizer.registration_at(
        session=session, event=event, registration_id=registration_id
    )
    given = await organizer.answers_of(session=session, registration_ids=[registration.id])
    questions = await questions_of(session, event.event_id)
    return RegistrationOut.of(registration, _answers(questions, given[registration.id]))


async def _decide(
    slug: str,
    registration_id: str,
    decision: organizer.Decision,
    staff: StaffDep,
    session: SessionDep,
    ctx: CtxDep,
) -> RegistrationOut:
    event = await _event(session, staff, slug, Act.EDIT)
    registration = await organizer.decide_by_hand(
        session=session,
        event=event,
        registration_id=registration_id,
        decision=decision,
        now=datetime.now(UTC),
        links=ctx.links,
        actor=staff.actor,
    )
    ctx.relay.wake()
    return RegistrationOut.of(registration)


@router.post("/registrations/{registration_id}/confirm", responses=DECISION)
async def confirm(
    slug: str, registration_id: str, staff: StaffDep, session: SessionDep, ctx: CtxDep
) -> RegistrationOut:
    """Confirm a pending, offered or waitlisted person, beyond capacity if need be."""
    return await _decide(slug, registration_id, "confirm", staff, session, ctx)


@router.post("/registrations/{registration_id}/decline", responses=DECISION)
async def decline(
    slug: str, registration_id: str, staff: StaffDep, session: SessionDep, ctx: CtxDep
) -> RegistrationOut:
    """Cancel a registration as the organizer's decision; its seat goes to the waitlist."""
    return await _decide(slug, registration_id, "decline", staff, session, ctx)


@router.post("/registrations/{registration_id}/erase", responses=DECISION)
async def erase(
    slug: str, registration_id: str, staff: StaffDep, session: SessionDep
) -> RegistrationOut:
    """Erase the person's data (their request); the registration stays in the counts."""
    event = await _event(session, staff, slug, Act.EDIT)
    registration = await organizer.erase(
        session=session,
        event=event,
        registration_id=registration_id,
        now=datetime.now(UTC),
        actor=staff.actor,
    )
    return RegistrationOut.of(registration)


@router.get("/summary")
async def summary(slug: str, staff: StaffDep, session: SessionDep) -> SummaryOut:
    """Counts by status, mode and organization; accessibility needs; attendance."""
    event = await _event(session, staff, slug, Act.READ)
    found = await organizer.summary(session=session, event_id=event.event_id)
    return SummaryOut(
        by_status=found.by_status,
        by_mode=found.by_mode,
        by_organization=found.by_organization,
        accessibility=Accessibility(**found.needs, other_texts=found.other_needs),
        attendance=Attendance(checked_in=found.checked_in, confirmed=found.confirmed),
    )
