"""Organizer API for an event's registration form: its settings and custom questions."""

from fastapi import APIRouter

from services.registrations.routes.staff_auth import StaffDep, staff_event
from services.registrations.services import forms
from services.registrations.services.forms import FormShape
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events", tags=["organizer"], responses=refusals(401, 404, 422)
)


@router.get("/{slug}/form")
async def read_form(slug: str, session: SessionDep, staff: StaffDep) -> FormShape:
    """The form's settings and questions (defaults until an organizer saves some)."""
    event = await staff_event(session, staff, slug)
    return forms.describe(await forms.get_form(session=session, event_id=event.event_id))


@router.put("/{slug}/form", responses=refusals(400, 403, 413))
async def replace_form(
    slug: str, given: FormShape, session: SessionDep, staff: StaffDep
) -> FormShape:
    """Replace settings and questions; a question keeps its answers when sent with its id."""
    event = await staff_event(session, staff, slug)
    staff.require("editor")
    saved = await forms.save_form(session=session, event_id=event.event_id, given=given)
    return forms.describe(saved)
