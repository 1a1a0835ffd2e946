"""Privacy notices: an organization's, an event's own, and the numbered versions each event's
form links to (reading them, editing them; the versions themselves: privacy_versions.py)."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.privacy import NoticeShape, compose, default_fields
from services.registrations.storage.tables import EventCopy, PrivacyNotice
from services.registrations.usecases.event_copy import find_event, form_settings
from services.registrations.usecases.privacy_versions import (
    latest_version,
    organization_name,
    refresh_event_notice,
)
from shared.contracts import EventSnapshotV1
from shared.contracts.events import OrganizationV1
from shared.errors import NotFound


@dataclass(frozen=True)
class Notice:
    """One version, as the pages read it."""

    version: int
    content: dict[str, Any]
    created_at: datetime

    @property
    def fields(self) -> dict[str, str]:
        return dict(self.content["fields"])


def _notice(row: PrivacyNotice) -> Notice:
    return Notice(row.version, json.loads(row.content), row.created_at)


async def organizations(*, session: AsyncSession) -> list[tuple[str, str]]:
    """(slug, name) of every organization with a published event here (drafts are
    private), by name."""
    found = await session.exec(select(EventCopy).where(col(EventCopy.status) != "draft"))
    names = {event.organization_slug: organization_name(event) for event in found.all()}
    return sorted(names.items(), key=lambda item: item[1].lower())


async def _an_event_of(session: AsyncSession, organization: str) -> EventCopy:
    found = await session.exec(
        select(EventCopy)
        .where(EventCopy.organization_slug == organization)
        .order_by(col(EventCopy.revision).desc())
    )
    event = found.first()
    if event is None:
        raise NotFound("No organization with events here has this address")
    return event


async def organization_named(*, session: AsyncSession, organization: str) -> OrganizationV1:
    """The organization (slug and name) as its events' copies name it."""
    event = await _an_event_of(session, organization)
    return EventSnapshotV1.model_validate_json(event.snapshot).organizer


async def organization_notice(*, session: AsyncSession, organization: str) -> Notice:
    """The organization's notice in force: its latest version, else the default (version 0,
    not written until someone edits it)."""
    event = await _an_event_of(session, organization)
    latest = await latest_version(session, organization, "")
    if latest is not None:
        return _notice(latest)
    name = organization_name(event)
    content = compose(
        organization=(organization, name),
        event=None,
        retention_days=None,
        source="organization",
        fields=default_fields(name),
    )
    return Notice(0, content, event.starts_at)


async def event_notice(*, session: AsyncSession, slug: str, version: int | None) -> Notice:
    """One version of an event's notice (the one in force when `version` is None)."""
    event = await find_event(session=session, slug=slug)
    number = event.privacy_version if version is None else version
    found = await session.exec(
        select(PrivacyNotice).where(
            PrivacyNotice.event_id == event.event_id, PrivacyNotice.version == number
        )
    )
    row = found.first()
    if row is None:
        raise NotFound("This event's privacy notice has no such version")
    return _notice(row)


async def event_versions(*, session: AsyncSession, event_id: str) -> list[tuple[int, datetime]]:
    """(number, date) of every version of an event's notice, newest first."""
    found = await session.exec(
        select(PrivacyNotice)
        .where(PrivacyNotice.event_id == event_id)
        .order_by(col(PrivacyNotice.version).desc())
    )
    return [(row.version, row.created_at) for row in found.all()]


async def edit_organization_notice(
    *, session: AsyncSession, organization: str, given: NoticeShape, now: datetime
) -> Notice:
    """The organization's next version; each of its events following it gets a new one."""
    event = await _an_event_of(session, organization)
    latest = await latest_version(session, organization, "")
    number = (latest.version if latest else 0) + 1
    content = compose(
        organization=(organization, organization_name(event)),
        event=None,
        retention_days=None,
        source="organization",
        fields=given.model_dump(),
    )
    row = PrivacyNotice(
        organization_slug=organization, version=number, content=json.dumps(content), created_at=now
    )
    session.add(row)
    await session.flush()
    ours = select(EventCopy).where(EventCopy.organization_slug == organization)
    for each in (await session.exec(ours)).all():
        settings = await form_settings(session, each.event_id)
        await refresh_event_notice(session, each, settings, now=now)
    await session.commit()
    return _notice(row)


async def edit_event_notice(
    *, session: AsyncSession, event: EventCopy, given: NoticeShape | None, now: datetime
) -> Notice:
    """The event's own text (None: its organization's again), as the event's next version."""
    settings = await form_settings(session, event.event_id)
    own = given.model_dump() if given is not None else None
    await refresh_event_notice(
        session, event, settings, now=now, own=own, back_to_organization=given is None
    )
    await session.commit()
    return await event_notice(session=session, slug=event.slug, version=None)
