"""The organizers' editor of privacy notices: the organization's (/organizer/privacy) and an
event's own (/organizer/events/<slug>/privacy), with a preview. Same console cookie and CSRF
field as the other organizer pages; saving needs the editor role and writes a new version."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.context import CtxDep
from services.registrations.domain.privacy import (
    NoticeShape,
    compose,
    event_notice_path,
    is_ours,
)
from services.registrations.storage.tables import EventCopy
from services.registrations.usecases import privacy
from services.registrations.usecases.event_copy import form_settings
from services.registrations.usecases.privacy_versions import organization_name
from services.registrations.web.routes.organizer_pages import OrganizerRoute
from services.registrations.web.routes.staff_auth import (
    COOKIE,
    Act,
    Staff,
    StaffDep,
    secret,
    staff_event,
)
from shared.contracts import EventSnapshotV1
from shared.contracts.events import OrganizationV1
from shared.web.csrf import check_csrf, csrf_token
from shared.web.deps import PagesDep, SessionDep
from shared.web.templating import Pages

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)
FIELDS = tuple(NoticeShape.model_fields)


@dataclass
class Editor:
    """One organizer at one notice's editor, in one request."""

    request: Request
    session: AsyncSession
    pages: Pages
    staff: Staff
    key: str
    event: EventCopy | None = None

    @property
    def action(self) -> str:
        where = f"/organizer/events/{self.event.slug}" if self.event else "/organizer"
        return f"{where}/privacy"

    async def organization(self) -> OrganizationV1:
        if self.event is None:
            org = self.staff.organization_slug
            return await privacy.organization_named(session=self.session, organization=org)
        return EventSnapshotV1.model_validate_json(self.event.snapshot).organizer

    async def current(self) -> privacy.Notice:
        if self.event is None:
            org = self.staff.organization_slug
            return await privacy.organization_notice(session=self.session, organization=org)
        return await privacy.event_notice(session=self.session, slug=self.event.slug, version=None)

    async def render(
        self, values: dict[str, str] | None = None, *, errors: dict[str, str] | None = None,
        preview: dict[str, Any] | None = None, status_code: int = 200,
    ) -> HTMLResponse:  # fmt: skip
        current = await self.current()
        context: dict[str, Any] = {
            "event": self.event,
            "page_org": await self.organization(),  # named in the header and on the page
            "staff": self.staff,
            "csrf": csrf_token(self.request.cookies.get(COOKIE, ""), secret=self.key),
            "action": self.action,
            "current": current,
            "source": current.content["source"],
            "values": values if values is not None else current.fields,
            "errors": errors or {},
            "preview": preview,
            "editor": self.staff.may(Act.EDIT),
            "done": self.request.query_params.get("saved"),
            "retention_days": current.content["retention_days"],
            "external": None,
        }
        if self.event is not None:
            settings = await form_settings(self.session, self.event.event_id)
            if not is_ours(settings.privacy_notice_url):
                context["external"] = settings.privacy_notice_url
            context["public_url"] = event_notice_path(self.event.slug, current.version)
        else:
            context["public_url"] = f"/privacy/{self.staff.organization_slug}"
        page = self.pages.render(
            self.request, "organizer_privacy.html", context, status_code=status_code
        )
        page.headers["Cache-Control"] = "no-store"
        return page

    async def submitted(self) -> tuple[str, dict[str, str]]:
        """(action, the fields as sent); the CSRF field checked unless an API token came."""
        form = await self.request.form()
        if not self.request.headers.get("authorization"):
            given = form.get("csrf")
            cookie = self.request.cookies.get(COOKIE, "")
            check_csrf(given if isinstance(given, str) else None, cookie, secret=self.key)
        values = {name: str(form.get(name) or "") for name in FIELDS}
        return str(form.get("action") or "preview"), values


def _problems(error: ValidationError) -> dict[str, str]:
    return {str(problem["loc"][0]): problem["msg"] for problem in error.errors() if problem["loc"]}


async def _post(at: Editor) -> Response:
    action, values = await at.submitted()
    if action == "follow" and at.event is not None:
        at.staff.require(Act.EDIT)
        await privacy.edit_event_notice(
            session=at.session, event=at.event, given=None, now=datetime.now(UTC)
        )
        return await _saved(at)
    try:
        shape = NoticeShape.model_validate(values)
    except ValidationError as error:
        return await at.render(values, errors=_problems(error), status_code=422)
    if action != "save":
        return await at.render(values, preview=_preview(at, shape))
    at.staff.require(Act.EDIT)
    now = datetime.now(UTC)
    if at.event is None:
        org = at.staff.organization_slug
        await privacy.edit_organization_notice(
            session=at.session, organization=org, given=shape, now=now
        )
    else:
        await privacy.edit_event_notice(session=at.session, event=at.event, given=shape, now=now)
    return await _saved(at)


async def _saved(at: Editor) -> Response:
    version = (await at.current()).version
    return RedirectResponse(f"{at.action}?saved={version}", status_code=303)


def _preview(at: Editor, shape: NoticeShape) -> dict[str, Any]:
    org = at.staff.organization_slug
    if at.event is None:
        return compose(
            organization=(org, shape.controller_name), event=None, retention_days=None,
            source="organization", fields=shape.model_dump(),
        )  # fmt: skip
    return compose(
        organization=(org, organization_name(at.event)),
        event=(at.event.slug, at.event.title),
        retention_days=None,
        source="event",
        fields=shape.model_dump(),
    )


def _editor(
    request: Request, session: AsyncSession, pages: Pages, staff: Staff, ctx: CtxDep
) -> Editor:
    return Editor(request, session, pages, staff, secret(ctx))


@router.get("/organizer/privacy", response_class=HTMLResponse)
async def organization_editor(
    request: Request, session: SessionDep, pages: PagesDep, staff: StaffDep, ctx: CtxDep
) -> HTMLResponse:
    return await _editor(request, session, pages, staff, ctx).render()


@router.post("/organizer/privacy")
async def organization_save(
    request: Request, session: SessionDep, pages: PagesDep, staff: StaffDep, ctx: CtxDep
) -> Response:
    return await _post(_editor(request, session, pages, staff, ctx))


async def _event_editor(
    slug: str, request: Request, session: AsyncSession, pages: Pages, staff: Staff, ctx: CtxDep
) -> Editor:
    at = _editor(request, session, pages, staff, ctx)
    at.event = await staff_event(session, staff, slug)
    return at


@router.get("/organizer/events/{slug}/privacy", response_class=HTMLResponse)
async def event_editor(
    slug: str, request: Request, session: SessionDep, pages: PagesDep, staff: StaffDep, ctx: CtxDep
) -> HTMLResponse:
    return await (await _event_editor(slug, request, session, pages, staff, ctx)).render()


@router.post("/organizer/events/{slug}/privacy")
async def event_save(
    slug: str, request: Request, session: SessionDep, pages: PagesDep, staff: StaffDep, ctx: CtxDep
) -> Response:
    return await _post(await _event_editor(slug, request, session, pages, staff, ctx))
