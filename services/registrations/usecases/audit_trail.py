"""What organizers do with registrations, told to the organization's audit log (kept by the
events service): staged in the outbox in the transaction of the action itself. A person is
named by their ticket's short code, never by name: the log outlives the person's data."""

import uuid
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.ticket_codes import spoken
from services.registrations.storage.tables import EventCopy, Registration
from shared.contracts import AuditRecordedV1
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"


def record(
    session: AsyncSession,
    *,
    event: EventCopy,
    actor: str,
    what: str,
    now: datetime,
    registration: Registration | None = None,
    subject: str = "",
) -> None:
    """Stage one entry of the audit log (the caller commits)."""
    told = AuditRecordedV1(
        record_id=str(uuid.uuid4()),
        organization_slug=event.organization_slug,
        event_id=event.event_id,
        event_title=event.title,
        actor=actor,
        what=what,
        subject_text=spoken(registration.short_code) if registration else subject,
        at=now,
    )
    add_to_outbox(session, told, source=SOURCE)


async def record_export(
    *, session: AsyncSession, event: EventCopy, actor: str, kind: str, now: datetime
) -> None:
    """An export was served: who downloaded it, in which format."""
    record(session, event=event, actor=actor, what="export_downloaded", now=now, subject=kind)
    await session.commit()
