"""Adding a person by hand (a registration taken on the phone): the public form's fields and
rules, the event's questions included; the person then goes the way of anyone who registered
(a seat under the lock, else the waitlist) and gets the same emails. The organizer confirms
the person was told the privacy notice, whose version is recorded as for anyone."""

from datetime import UTC, datetime

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData

from services.registrations.domain import privacy
from services.registrations.domain.errors import EventFull, RegistrationClosed, RoomFullOnlineOpen
from services.registrations.domain.form import ACCESSIBILITY, check_form
from services.registrations.domain.registration_life import modes_of
from services.registrations.usecases import form_definition, registering
from services.registrations.web.routes.form_pages import (
    _anchors,
    _fields,
    _given,
    _in_form_order,
    _limits,
    _question,
)
from services.registrations.web.routes.organizer_pages import Desk, EditorDeskDep, OrganizerRoute
from shared.catalogs import N_
from shared.web.breadcrumbs import REGISTRATIONS

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)
ADDED = "added"
ADD = N_("org_nav_add")
# What the page says when nothing was registered, by what the use case refused.
REFUSED = (RoomFullOnlineOpen, EventFull, RegistrationClosed)


@router.get("/organizer/events/{slug}/add", response_class=HTMLResponse)
async def add_form(at: EditorDeskDep) -> HTMLResponse:
    """The empty form (editor role or above)."""
    return await _page(at, given={}, errors={})


@router.post("/organizer/events/{slug}/add", response_class=HTMLResponse)
async def add(at: EditorDeskDep) -> HTMLResponse:
    """Register the person, or say what to fix; a refusal stores nothing."""
    definition = await form_definition.get_form(session=at.session, event_id=at.event.event_id)
    submitted: FormData = await at.form()  # refused without its CSRF field
    fields = _fields(submitted, definition.questions)
    given = _given(fields, definition.questions)
    person, errors = check_form(
        fields,
        attendance_mode=at.event.attendance_mode,
        questions=[question.asked() for question in definition.questions],
    )
    if person is None:
        return await _page(at, given=given, errors=errors, status=422)
    try:
        outcome = await registering.register(
            session=at.session,
            slug=at.event.slug,
            person=person,
            language=_language(submitted, at.language),
            now=datetime.now(UTC),
            links=at.links,
            added_by=at.staff.actor,
        )
    except REFUSED as refusal:
        await at.session.refresh(at.event)  # the use case's rollback expired it
        return await _page(at, given=given, errors={}, refused=_kind(refusal), status=409)
    at.ctx.relay.wake()
    done = "already" if outcome.already else f"{ADDED}_{outcome.status.value}"
    return await _page(at, given={}, errors={}, done=done, who=person.email)


def _kind(refusal: Exception) -> str:
    """Why nothing was registered, as the public form says it (its catalog keys)."""
    if isinstance(refusal, RoomFullOnlineOpen):
        return "room_full_online"
    if isinstance(refusal, RegistrationClosed):
        return refusal.state
    return "full"


def _language(submitted: FormData, fallback: str) -> str:
    """The language of the person's emails, as the organizer chose it (Italian or English)."""
    chosen = submitted.get("language")
    return chosen if chosen in ("it", "en") else fallback


async def _page(
    at: Desk,
    *,
    given: dict[str, list[str]],
    errors: dict[str, str],
    status: int = 200,
    refused: str | None = None,
    done: str | None = None,
    who: str | None = None,
) -> HTMLResponse:
    definition = await form_definition.get_form(session=at.session, event_id=at.event.event_id)
    questions = definition.questions
    modes = modes_of(at.event.attendance_mode)
    labels = {q["name"]: q["label"] for q in (_question(q, at.language) for q in questions)}
    notice = privacy.consented(
        slug=at.event.slug,
        version=at.event.privacy_version,
        notice_url=definition.settings.privacy_notice_url,
        notice_version=definition.settings.privacy_notice_version,
    )
    context = {
        "section": "add",
        "here": ADD,
        "via": (REGISTRATIONS, at.url()),
        "questions": [_question(q, at.language) for q in questions],
        "modes": modes if len(modes) > 1 else (),
        "needs": ACCESSIBILITY,
        "given": {"mode": [modes[0]], "language": [at.language], **given},
        "errors": _in_form_order(errors, questions),
        "labels": labels,
        "anchors": _anchors(questions),
        "limits": _limits(questions),
        "privacy": notice,
        "double_opt_in": definition.settings.double_opt_in,
        "refused": refused,
        "added": done,
        "who": who,
    }
    return at.render("organizer_add.html", context, status_code=status)
