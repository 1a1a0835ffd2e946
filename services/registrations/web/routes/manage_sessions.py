"""A confirmed person's sessions on their own page: the sessions one signs up for, theirs
ticked, each saying whether they hold a seat or where they stand in its line; changing them
(a session left gives its seat to the first in line), two at the same time refused with the
page saying so, nothing changed."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from services.registrations.context import CtxDep
from services.registrations.domain.registration_life import Status
from services.registrations.domain.sessions import SessionsRefused
from services.registrations.usecases import sessions
from services.registrations.web.routes.manage_links import LinkPageRoute, check_form_token
from services.registrations.web.routes.manage_pages import open_registration
from shared.errors import Conflict
from shared.web.deps import SessionDep
from shared.web.i18n import DEFAULT_LANGUAGE, pick_language

router = APIRouter(include_in_schema=False, route_class=LinkPageRoute)


@router.post("/r/{token}/sessions")
async def change_sessions(
    request: Request, token: str, session: SessionDep, ctx: CtxDep
) -> RedirectResponse:
    await check_form_token(request, token)
    submitted = await request.form()  # read once already: every ticked session, not the last
    registration, event = await open_registration(session, ctx, token)
    if registration.status != Status.CONFIRMED:
        raise Conflict("Sessions are chosen once the registration is confirmed")
    ticked = [given for given in submitted.getlist("sessions") if isinstance(given, str)]
    wanted = [int(given) for given in ticked if given.isdigit() and len(given) <= 9]
    try:
        await sessions.choose(
            session, registration=registration, event=event, wanted=wanted, now=datetime.now(UTC)
        )
        await session.commit()
        done = "sessions"
    except SessionsRefused:
        await session.rollback()
        done = "sessions_overlap"
    language = pick_language(request)
    lang = "" if language == DEFAULT_LANGUAGE else f"&lang={language}"
    return RedirectResponse(f"/r/{token}?sessions={done}{lang}#my-sessions", status_code=303)
