"""The numbered versions of an event's privacy notice. A new one is written in the
transaction that changes what it is made of (the organization's text, the event's own text,
the event's or organization's name, the retention period), so that the form only reads the
number on the event's row and never writes one: under a rush nothing new is made."""

import json
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.privacy import compose, default_fields
from services.registrations.storage.tables import EventCopy, FormSettings, PrivacyNotice
from shared.contracts import EventSnapshotV1


def organization_name(event: EventCopy) -> str:
    return EventSnapshotV1.model_validate_json(event.snapshot).organizer.name


async def latest_version(
    session: AsyncSession, organization: str, event_id: str
) -> PrivacyNotice | None:
    """The newest version of an organization's notice (`event_id` empty) or an event's."""
    found = await session.exec(
        select(PrivacyNotice)
        .where(PrivacyNotice.organization_slug == organization, PrivacyNotice.event_id == event_id)
        .order_by(col(PrivacyNotice.version).desc())
    )
    return found.first()


async def refresh_event_notice(
    session: AsyncSession,
    event: EventCopy,
    settings: FormSettings,
    *,
    now: datetime,
    own: dict[str, str] | None = None,
    back_to_organization: bool = False,
) -> None:
    """Write the event's next version if what it is made of changed (not committed).
    `own`: the event's own text from now on; `back_to_organization`: the organization's."""
    organization = event.organization_slug
    current = await latest_version(session, organization, event.event_id)
    previous = json.loads(current.content) if current else None
    if own is not None:
        source, fields = "event", own
    elif previous and previous["source"] == "event" and not back_to_organization:
        source, fields = "event", previous["fields"]
    else:
        latest = await latest_version(session, organization, "")
        org_fields = json.loads(latest.content)["fields"] if latest else None
        source, fields = "organization", org_fields or default_fields(organization_name(event))
    content = compose(
        organization=(organization, organization_name(event)),
        event=(event.slug, event.title),
        retention_days=settings.retention_days,
        source=source,
        fields=fields,
    )
    if content == previous:
        return
    number = (current.version if current else 0) + 1
    session.add(
        PrivacyNotice(
            organization_slug=organization,
            event_id=event.event_id,
            version=number,
            content=json.dumps(content),
            created_at=now,
        )
    )
    event.privacy_version = number
    session.add(event)
    await session.flush()
