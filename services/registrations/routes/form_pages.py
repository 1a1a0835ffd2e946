"""The public registration form: works without JavaScript, keeps what was typed on errors."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.registrations.consumers import links_for
from services.registrations.domain.form import LIMITS, check_form
from services.registrations.domain.window import registration_state
from services.registrations.errors import EventFull, RegistrationClosed, RoomFullOnlineOpen
from services.registrations.models import EventCopy
from services.registrations.services import events as services
from services.registrations.services import registering
from shared.contracts import EventSnapshotV1
from shared.web.deps import CtxDep, PagesDep, SessionDep

router = APIRouter(include_in_schema=False)

FIELDS = ("first_name", "last_name", "email", "organization", "privacy_consent")


@router.get("/events/{slug}/register", response_class=HTMLResponse)
async def show_form(
    request: Request, slug: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    event = await services.find_event(session=session, slug=slug)
    return _form(request, pages, event, ctx, values={}, errors={})


@router.post("/events/{slug}/register", response_class=HTMLResponse)
async def submit_form(
    request: Request, slug: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    submitted = await request.form()
    values = {name: str(submitted.get(name) or "") for name in FIELDS}
    event = await services.find_event(session=session, slug=slug)
    person, errors = check_form(values)
    if person is None:
        return _form(request, pages, event, ctx, values=values, errors=errors, status_code=422)
    language = pages.translator(request).language
    try:
        outcome = await registering.register(
            session=session,
            slug=slug,
            person=person,
            language=language,
            now=datetime.now(UTC),
            links=links_for(ctx.settings),  # type: ignore[arg-type]
        )
    except (EventFull, RoomFullOnlineOpen, RegistrationClosed) as refusal:
        return _refused(request, pages, event, ctx, refusal, person.email)
    ctx.relay.wake()
    if outcome.already:
        return _refused(request, pages, event, ctx, outcome, person.email)
    context = {"event": _snapshot(event), "name": person.first_name, "email": person.email}
    return pages.render(request, "confirmed.html", {**context, **_links(ctx, event)})


def _form(
    request: Request,
    pages: PagesDep,
    event: EventCopy,
    ctx: CtxDep,
    *,
    values: dict[str, str],
    errors: dict[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    state = registration_state(event, datetime.now(UTC))
    context = {
        "event": _snapshot(event),
        "state": state,
        "seats_left": max(event.capacity - event.seats_taken, 0),
        "values": {name: _shown(name, value) for name, value in values.items()},
        "errors": errors,
        "limits": LIMITS,
        **_links(ctx, event),
    }
    return pages.render(request, "register.html", context, status_code=status_code)


def _shown(name: str, value: str) -> str:
    """What we echo back: the typed value, unless it is far too long to be a real answer."""
    limit = LIMITS.get(name, 10)
    return value if len(value) <= limit * 2 else value[:limit]


def _refused(
    request: Request,
    pages: PagesDep,
    event: EventCopy,
    ctx: CtxDep,
    refusal: object,
    email: str,
) -> HTMLResponse:
    kind = {EventFull: "full", RoomFullOnlineOpen: "full", registering.Outcome: "already"}.get(
        type(refusal), "closed"
    )
    context = {"event": _snapshot(event), "kind": kind, "email": email, **_links(ctx, event)}
    return pages.render(request, "refused.html", context, status_code=409)


def _snapshot(event: EventCopy) -> EventSnapshotV1:
    return EventSnapshotV1.model_validate_json(event.snapshot)


def _links(ctx: CtxDep, event: EventCopy) -> dict[str, str]:
    return {"event_url": f"{ctx.settings.events_public_url}/events/{event.slug}"}
