"""The organizers' pages of an event's registrations: who registered and what they need, the
decisions taken by hand (confirm, decline, erase); the spreadsheets are organizer_exports.py's,
adding a person by hand organizer_add.py's.

Organizers arrive from the events console with a short-lived signed pass, which becomes a
cookie here. Another organization's event is not found; every form carries a CSRF field.
"""

import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.datastructures import FormData

from services.registrations.context import CtxDep, RegistrationsContext, of_request
from services.registrations.domain.form import ACCESSIBILITY
from services.registrations.domain.registration_life import ACTIVE, MODES, Status, modes_of
from services.registrations.storage.tables import EventCopy
from services.registrations.usecases import answers, organizer
from services.registrations.usecases.facts import Links
from services.registrations.web.routes.console_links import ConsoleLinks
from services.registrations.web.routes.staff_auth import (
    COOKIE,
    COOKIE_HOURS,
    ROLES,
    Act,
    RoleRefused,
    Staff,
    StaffDep,
    cookie_value,
    secret,
    staff_event,
)
from shared.auth import PassInvalid, read_pass
from shared.contracts import EventSnapshotV1
from shared.errors import Unauthorized, UserFacingError
from shared.web.breadcrumbs import CHECKIN, REGISTRATIONS, place
from shared.web.csrf import check_csrf, csrf_token
from shared.web.deps import PagesDep, SessionDep, get_pages
from shared.web.errors import wants_json
from shared.web.i18n import DEFAULT_LANGUAGE
from shared.web.templating import Pages

# A local path only: no scheme, no host, no "//evil.example" or "/\evil.example".
_LOCAL_PATH = re.compile(r"^/(?![/\\])[^\\\s]*$")
STATUSES = (  # the order of the filter and the counts
    Status.CONFIRMED,
    Status.PENDING,
    Status.OFFERED,
    Status.WAITLISTED,
    Status.CANCELLED,
    Status.EXPIRED,
    Status.LAPSED,
)


class OrganizerRoute(APIRoute):
    """Organizer pages answer people: a refusal becomes a page in the reader's language."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except UserFacingError as refusal:
                if wants_json(request):
                    raise
                role = refusal.role if isinstance(refusal, RoleRefused) else None
                return refused(request, get_pages(request), refusal.status, role=role)

        return answer


router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)


def refused(request: Request, pages: Pages, status: int, role: str | None = None) -> HTMLResponse:
    console = f"{of_request(request).settings.events_public_url}/console/"
    context = {"status": status, "console_url": console, "refused_role": role}
    context.update(place(pages, request, here=REGISTRATIONS))
    return pages.render(request, "organizer_refused.html", context, status_code=status)


@dataclass
class Desk:
    """One organizer at one event's pages, in one request."""

    request: Request
    session: AsyncSession
    ctx: RegistrationsContext
    pages: Pages
    staff: Staff
    event: EventCopy

    @property
    def links(self) -> Links:
        return self.ctx.links

    @property
    def language(self) -> str:
        return self.pages.language(self.request)

    def url(self, path: str = "", **query: str | None) -> str:
        kept = {} if self.language == DEFAULT_LANGUAGE else {"lang": self.language}
        given = {k: v for k, v in query.items() if v} | kept
        return f"/organizer/events/{self.event.slug}{path}" + (
            f"?{urlencode(given)}" if given else ""
        )

    @property
    def can_edit(self) -> bool:
        return self.staff.may(Act.EDIT)

    def csrf(self) -> str:
        cookie = self.request.cookies.get(COOKIE, "")
        return csrf_token(cookie, secret=secret(self.ctx)) if cookie else ""

    def render(self, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
        # The published event as its organizers wrote it: their organization's name, whether
        # times are announced, the language of its texts.
        snapshot = EventSnapshotV1.model_validate_json(self.event.snapshot)
        here = context.get("here") or (
            CHECKIN if context.get("section") == "checkin" else REGISTRATIONS
        )
        console = ConsoleLinks(
            self.ctx.settings,
            self.staff.organization_slug,
            self.language,
            reads_events=self.staff.may(Act.READ),
        )
        full = {
            "event": self.event,
            "snapshot": snapshot,
            "staff": self.staff,
            "csrf": self.csrf(),
            "url": self.url,
            "can_edit": self.can_edit,
            **place(self.pages, self.request, event=snapshot, here=here),  # page_org
            # the way back: console_event, and breadcrumbs through the console
            **console.place(
                self.pages.translator(self.request), snapshot, here, context.get("via")
            ),
        }
        page = self.pages.render(self.request, name, {**full, **context}, status_code=status_code)
        page.headers["Cache-Control"] = "no-store"  # personal data: no copies in caches
        return page

    async def form(self) -> FormData:
        """The submitted form; with the console cookie, refused unless its CSRF field matches
        (a request carrying an API token cannot be forged by another site's form)."""
        form = await self.request.form()
        if not self.request.headers.get("authorization"):
            submitted = form.get("csrf")
            cookie = self.request.cookies.get(COOKIE, "")
            given = submitted if isinstance(submitted, str) else None
            check_csrf(given, cookie, secret=secret(self.ctx))
        return form

    def see_other(self, path: str = "", **query: str | None) -> RedirectResponse:
        return RedirectResponse(self.url(path, **query), status_code=303)


async def desk(
    slug: str,
    request: Request,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
    staff: StaffDep,
) -> Desk:
    """The organizer at `slug`: another organization's event is not found."""
    event = await staff_event(session, staff, slug)
    return Desk(request, session, ctx, pages, staff, event)


async def editor_desk(at: Annotated[Desk, Depends(desk)]) -> Desk:
    at.staff.require(Act.EDIT)
    return at


DeskDep = Annotated[Desk, Depends(desk)]
EditorDeskDep = Annotated[Desk, Depends(editor_desk)]


@router.get("/organizer/enter")
async def enter(request: Request, ctx: CtxDep, pages: PagesDep) -> Response:
    """From the events console: a valid pass becomes this service's cookie."""
    key = secret(ctx)
    try:
        claims = read_pass(request.query_params.get("pass", ""), key=key, now=datetime.now(UTC))
        staff = {name: claims[name] for name in ("org", "role", "actor")}
    except (PassInvalid, KeyError):
        return refused(request, pages, Unauthorized.status)
    if staff["role"] not in ROLES:
        return refused(request, pages, Unauthorized.status)
    target = request.query_params.get("next") or ""
    answer = RedirectResponse(target if _LOCAL_PATH.match(target) else "/", status_code=303)
    answer.set_cookie(
        COOKIE,
        cookie_value(staff, key),
        max_age=COOKIE_HOURS * 3600,
        path="/organizer",  # never sent to the API, which takes tokens only
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return answer


def _filters(request: Request) -> organizer.Filters:
    query = request.query_params
    return organizer.Filters(
        status=query.get("status") or None,
        mode=query.get("mode") or None,
        organization=query.get("organization") or None,
        text=query.get("q") or None,
    )


@router.get("/organizer/events/{slug}", response_class=HTMLResponse)
async def event_page(at: DeskDep) -> HTMLResponse:
    """Counts, needs, attendance, and the registrations table with its filters and each
    person's answers to the form's questions."""
    filters = _filters(at.request)
    summary = await organizer.summary(session=at.session, event_id=at.event.event_id)
    found = await organizer.registrations(
        session=at.session, event_id=at.event.event_id, filters=filters
    )
    said = await answers.answers_said(
        session=at.session, event_id=at.event.event_id, registrations=found, lang=at.language
    )
    context = {
        "summary": summary,
        "registrations": found,
        "answers": said,  # None: the form asks nothing of its own
        "filters": filters,
        "statuses": STATUSES,
        "modes": MODES,
        "needs": ACCESSIBILITY,
        "active": ACTIVE,
        "confirmable": organizer.CONFIRMABLE,
        "organizations": sorted(o for o in summary.by_organization if o),
        "editor": at.staff.may(Act.EDIT),
        "event_modes": modes_of(at.event.attendance_mode),
        "done": at.request.query_params.get("done"),
        "section": "registrations",
    }
    return at.render("organizer_event.html", context)


@router.get(
    "/organizer/events/{slug}/registrations/{registration_id}/erase",
    response_class=HTMLResponse,
)
async def erase_question(registration_id: str, at: EditorDeskDep) -> HTMLResponse:
    """Erasing cannot be undone: ask first."""
    registration = await organizer.registration_at(
        session=at.session, event=at.event, registration_id=registration_id
    )
    return at.render("organizer_erase.html", {"registration": registration})


@router.post("/organizer/events/{slug}/registrations/{registration_id}/erase")
async def erase(registration_id: str, at: EditorDeskDep) -> Response:
    await at.form()
    await organizer.erase(
        session=at.session,
        event=at.event,
        registration_id=registration_id,
        now=datetime.now(UTC),
        actor=at.staff.actor,
    )
    return at.see_other(done="erased")


# Declared after erase: its path would otherwise take /erase too.
@router.post("/organizer/events/{slug}/registrations/{registration_id}/{decision}")
async def decide(registration_id: str, decision: organizer.Decision, at: EditorDeskDep) -> Response:
    """Confirm (even beyond capacity) or decline a registration by hand."""
    await at.form()
    await organizer.decide_by_hand(
        session=at.session,
        event=at.event,
        registration_id=registration_id,
        decision=decision,
        now=datetime.now(UTC),
        links=at.links,
        actor=at.staff.actor,
    )
    at.ctx.relay.wake()
    return at.see_other(done=f"{decision}d")
