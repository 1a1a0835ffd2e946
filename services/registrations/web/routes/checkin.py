"""Check-in at the door, for any of the organization's staff (door staff, viewers too): a page
that works with a typed code (the ticket's short code, or its QR code's text), a camera where the
browser can read QR codes, or a search by name; and the same for programs, as JSON. A ticket
is never checked in twice, even from two devices."""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.context import CtxDep
from services.registrations.domain.attendance import day_began
from services.registrations.domain.errors import MistypedCode, UnknownCode
from services.registrations.domain.registration_life import Status
from services.registrations.domain.sessions import Offered, offered
from services.registrations.storage.tables import EventCopy
from services.registrations.usecases import checkin, session_checkin
from services.registrations.web.routes.organizer_pages import Desk, OrganizerRoute
from services.registrations.web.routes.staff_auth import DoorStaffDep, staff_event
from services.registrations.web.schemas import (
    AlreadyIn,
    Attendance,
    CheckedIn,
    CheckedOut,
    CheckInRequest,
    person_name,
)
from shared.contracts import EventSnapshotV1
from shared.errors import Conflict, Invalid, NotFound
from shared.web.deps import PagesDep, SessionDep
from shared.web.errors import ErrorOut, refusals
from shared.web.timefmt import clock

router = APIRouter(route_class=OrganizerRoute)


async def door_desk(
    slug: str,
    request: Request,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
    staff: DoorStaffDep,
) -> Desk:
    """The check-in page's organizer: door staff too, who may open nothing else here."""
    event = await staff_event(session, staff, slug)
    return Desk(request, session, ctx, pages, staff, event)


DoorDeskDep = Annotated[Desk, Depends(door_desk)]
PAGE = "/organizer/events/{slug}/checkin"
API = "/api/organizer/events/{slug}/checkins"
CHECKOUTS = "/api/organizer/events/{slug}/checkouts"


async def _attendance(session: AsyncSession, event: EventCopy) -> Attendance:
    counted = await checkin.counts(session=session, event_id=event.event_id)
    confirmed = counted.get(Status.CONFIRMED, 0)
    return Attendance(checked_in=counted["checked_in"], confirmed=confirmed)


@router.get(PAGE, response_class=HTMLResponse, include_in_schema=False)
async def checkin_page(at: DoorDeskDep) -> HTMLResponse:
    """The door: live counts, the code form with its camera button, and a search by name."""
    return await _page(at, {})


def _door(at: Desk) -> Offered | None:
    """The session whose door this is (`?session=`, where the organizer checks people in at
    a workshop's door); None at the event's own door."""
    given = at.request.query_params.get("session") or ""
    if not (given.isdigit() and len(given) <= 9):
        return None
    return session_checkin.session_of(at.event, int(given))


async def _page(
    at: DoorDeskDep, outcome: dict[str, Any], status_code: int = 200, *, leaving: bool = False
) -> HTMLResponse:
    text = (at.request.query_params.get("q") or "").strip()[:100]
    door = _door(at)
    leaving = (leaving or at.request.query_params.get("direction") == "out") and door is None
    found = await checkin.search(session=at.session, event_id=at.event.event_id, text=text)
    snapshot = EventSnapshotV1.model_validate_json(at.event.snapshot)
    context = {
        "door": door,
        "sessions": list(offered(snapshot).values()),
        "session_attendance": await session_checkin.attendance(
            at.session, at.event.event_id, door.item_id
        )
        if door
        else None,
        "attendance": await _attendance(at.session, at.event),
        "q": text,
        "found": found if text else [],
        "outcome": outcome,
        "section": "checkin",
        "leaving": leaving,
        "today_began": day_began(datetime.now(UTC), at.event.timezone),
    }
    return at.render("checkin.html", context, status_code=status_code)


@router.get(PAGE + "/counts.json", include_in_schema=False)
async def checkin_counts(at: DoorDeskDep) -> Attendance:
    """What the door page refreshes every few seconds."""
    return await _attendance(at.session, at.event)


@router.post(PAGE, response_class=HTMLResponse, include_in_schema=False)
async def checkin_submit(at: DoorDeskDep) -> HTMLResponse:
    """An entry or, in the page's exit mode, an exit: done, refused (409: already in, with
    the entry's time; not in today), or not one of our tickets."""
    form = await at.form()
    given = {
        name: str(form.get(name) or "").strip()[:200]
        for name in ("code", "registration_id", "direction")
    }
    leaving = given["direction"] == "out"
    door = _door(at)
    if door is not None:
        return await _session_scan(at, door, given["code"], given["registration_id"])
    try:
        registration = await checkin.scan_at_door(
            session=at.session,
            event=at.event,
            code=given["code"] or None,
            registration_id=given["registration_id"] or None,
            leaving=leaving,
            staff=at.staff.actor,
            now=datetime.now(UTC),
            links=at.links,
        )
    except checkin.AlreadyCheckedIn as twice:
        outcome = {"kind": "already", "at": clock(twice.at, at.event.timezone)}
        return await _page(at, outcome, status_code=409, leaving=leaving)
    except checkin.NotInside as not_in:
        return await _page(at, {"kind": "not_in"}, status_code=not_in.status, leaving=leaving)
    except MistypedCode as mistyped:
        return await _page(at, {"kind": "mistyped"}, mistyped.status, leaving=leaving)
    except UnknownCode as unknown_code:
        return await _page(at, {"kind": "unknown_code"}, unknown_code.status, leaving=leaving)
    except (Invalid, NotFound) as unknown:
        return await _page(at, {"kind": "unknown"}, status_code=unknown.status, leaving=leaving)
    except Conflict as not_confirmed:
        outcome = {"kind": "not_confirmed"}
        return await _page(at, outcome, status_code=not_confirmed.status, leaving=leaving)
    at.ctx.relay.wake()
    done = {"kind": "left" if leaving else "done", "name": person_name(registration)}
    return await _page(at, done, leaving=leaving)


async def _session_scan(at: Desk, door: Offered, code: str, registration_id: str) -> HTMLResponse:
    """A scan at a session's door: arrived, already in (with the time), no seat in it
    (waiting at a place, or not signed up), or not one of our tickets."""
    try:
        registration = await session_checkin.check_in(
            session=at.session,
            event=at.event,
            item_id=door.item_id,
            code=code or None,
            registration_id=registration_id or None,
            secret=at.links.secret,
            now=datetime.now(UTC),
        )
    except checkin.AlreadyCheckedIn as twice:
        outcome: dict[str, Any] = {"kind": "already", "at": clock(twice.at, at.event.timezone)}
        return await _page(at, outcome, status_code=409)
    except session_checkin.NotInSession as no_seat:
        outcome = {"kind": "not_in_session", "position": no_seat.position}
        return await _page(at, outcome, status_code=no_seat.status)
    except MistypedCode as mistyped:
        return await _page(at, {"kind": "mistyped"}, mistyped.status)
    except UnknownCode as unknown_code:
        return await _page(at, {"kind": "unknown_code"}, unknown_code.status)
    except (Invalid, NotFound) as unknown:
        return await _page(at, {"kind": "unknown"}, status_code=unknown.status)
    except Conflict as not_confirmed:
        return await _page(at, {"kind": "not_confirmed"}, status_code=not_confirmed.status)
    return await _page(at, {"kind": "session_done", "name": person_name(registration)})


@router.post(
    API,
    status_code=201,
    response_model=CheckedIn,
    responses={
        **refusals(400, 401, 404, 413, 422),
        409: {
            "model": AlreadyIn | ErrorOut,
            "description": "Checked in already (with the first time), or not confirmed",
        },
    },
    tags=["check-in"],
)
async def checkin_api(
    slug: str, body: CheckInRequest, staff: DoorStaffDep, session: SessionDep, ctx: CtxDep
) -> Any:
    """201 with who arrived; 409 with the first check-in's time; 422/404 for a bad ticket."""
    event = await staff_event(session, staff, slug)
    try:
        registration = await checkin.scan_at_door(
            session=session,
            event=event,
            code=body.code,
            registration_id=body.registration_id,
            leaving=False,
            staff=staff.actor,
            now=datetime.now(UTC),
            links=ctx.links,
        )
    except checkin.AlreadyCheckedIn as twice:
        detail = f"Already checked in at {clock(twice.at, event.timezone)}"
        refusal = AlreadyIn(detail=detail, checked_in_at=twice.at)
        return JSONResponse(refusal.model_dump(mode="json"), status_code=409)
    ctx.relay.wake()
    assert registration.checked_in_at is not None
    return CheckedIn(
        registration_id=registration.id,
        name=person_name(registration),
        checked_in_at=registration.checked_in_at,
    )


@router.post(
    CHECKOUTS,
    status_code=201,
    response_model=CheckedOut,
    responses={
        **refusals(400, 401, 404, 413, 422),
        409: {"model": ErrorOut, "description": "Not checked in today: no entry to close"},
    },
    tags=["check-in"],
)
async def checkout_api(
    slug: str, body: CheckInRequest, staff: DoorStaffDep, session: SessionDep, ctx: CtxDep
) -> Any:
    """201 with who left; 409 when they have no entry today; 422/404 for a bad ticket."""
    event = await staff_event(session, staff, slug)
    now = datetime.now(UTC)
    registration = await checkin.scan_at_door(
        session=session,
        event=event,
        code=body.code,
        registration_id=body.registration_id,
        leaving=True,
        staff=staff.actor,
        now=now,
        links=ctx.links,
    )
    ctx.relay.wake()
    return CheckedOut(
        registration_id=registration.id, name=person_name(registration), checked_out_at=now
    )


@router.get(API + "/counts", tags=["check-in"], responses=refusals(401, 404, 422))
async def checkin_api_counts(slug: str, staff: DoorStaffDep, session: SessionDep) -> Attendance:
    """How many are in, of how many confirmed."""
    return await _attendance(session, await staff_event(session, staff, slug))
