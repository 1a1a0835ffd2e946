"""Organizer API for an event's registration form: its settings and custom questions."""

from fastapi import APIRouter

from services.registrations.usecases import form_definition
from services.registrations.web.routes.staff_auth import Act, StaffDep, staff_event
from services.registrations.web.schemas import FormShape
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events", tags=["organizer"], responses=refusals(401, 404, 422)
)


@router.get("/{slug}/form")
async def read_form(slug: str, session: SessionDep, staff: StaffDep) -> FormShape:
    """The form's settings and questions (defaults until an organizer saves some)."""
    event = await staff_event(session, staff, slug)
    return form_definition.describe(
        await form_definition.get_form(session=session, event_id=event.event_id)
    )


@router.put("/{slug}/form", responses=refusals(400, 403, 409, 413))
async def replace_form(
    slug: str, given: FormShape, session: SessionDep, staff: StaffDep
) -> FormShape:
    """Replace settings and questions; a question keeps its answers when sent with its id.
    A question people answered cannot be left out, change kind, or lose an option someone
    chose (409, saying how many answered): their answers stay readable."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    saved = await form_definition.save_form(session=session, event_id=event.event_id, given=given)
    return form_definition.describe(saved)
