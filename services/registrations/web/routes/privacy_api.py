"""The organizers' JSON API of privacy notices (Bearer token): read and write the
organization's notice, and an event's own (or back to the organization's). Writing needs the
editor role; each write is a new version, never a change of an old one."""

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from services.registrations.domain.privacy import NoticeShape, event_notice_path, is_ours
from services.registrations.usecases import privacy
from services.registrations.usecases.event_copy import find_event, form_settings
from services.registrations.web.routes.staff_auth import Act, StaffDep, staff_event
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer", tags=["organizer"], responses=refusals(401, 403, 404, 422)
)


BODY = refusals(400, 413)  # a body that is not JSON, or too big


class NoticeOut(BaseModel):
    """A version of a notice: 0 is the default nobody has edited yet."""

    version: int
    url: str | None  # where people read it; for an event, this version's own address
    source: str  # "organization" (its notice) or "event" (the event's own)
    retention_days: int | None  # an event's: from its form settings, never typed here
    external_url: str | None = None  # the organization's own page, when the form links there
    fields: dict[str, Any]


def _out(notice: privacy.Notice, url: str | None, external: str | None = None) -> NoticeOut:
    content = notice.content
    return NoticeOut(
        version=notice.version,
        url=url,
        source=content["source"],
        retention_days=content["retention_days"],
        external_url=external,
        fields=content["fields"],
    )


@router.get("/privacy")
async def organization_notice(staff: StaffDep, session: SessionDep) -> NoticeOut:
    """The organization's notice in force."""
    org = staff.organization_slug
    notice = await privacy.organization_notice(session=session, organization=org)
    return _out(notice, f"/privacy/{org}")


@router.put("/privacy", responses=BODY)
async def edit_organization_notice(
    given: NoticeShape, staff: StaffDep, session: SessionDep
) -> NoticeOut:
    """A new version of the organization's notice; every event following it gets one too."""
    staff.require(Act.EDIT)
    org = staff.organization_slug
    notice = await privacy.edit_organization_notice(
        session=session, organization=org, given=given, now=datetime.now(UTC)
    )
    return _out(notice, f"/privacy/{org}")


async def _event_out(request: Request, session: SessionDep, slug: str) -> NoticeOut:
    event = await find_event(session=session, slug=slug)
    notice = await privacy.event_notice(session=session, slug=slug, version=None)
    settings = await form_settings(session, event.event_id)
    external = None if is_ours(settings.privacy_notice_url) else settings.privacy_notice_url
    return _out(notice, event_notice_path(slug, notice.version), external)


@router.get("/events/{slug}/privacy")
async def event_notice(
    slug: str, request: Request, staff: StaffDep, session: SessionDep
) -> NoticeOut:
    """The version in force on the event's form (and the organization's own page, if the
    form links there instead)."""
    await staff_event(session, staff, slug)
    return await _event_out(request, session, slug)


@router.put("/events/{slug}/privacy", responses=BODY)
async def edit_event_notice(
    slug: str, given: NoticeShape, request: Request, staff: StaffDep, session: SessionDep
) -> NoticeOut:
    """The event's own notice, as its next version."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    await privacy.edit_event_notice(
        session=session, event=event, given=given, now=datetime.now(UTC)
    )
    return await _event_out(request, session, slug)


@router.delete("/events/{slug}/privacy")
async def follow_organization_notice(
    slug: str, request: Request, staff: StaffDep, session: SessionDep
) -> NoticeOut:
    """The event follows its organization's notice again (a new version if that differs)."""
    event = await staff_event(session, staff, slug)
    staff.require(Act.EDIT)
    await privacy.edit_event_notice(session=session, event=event, given=None, now=datetime.now(UTC))
    return await _event_out(request, session, slug)
