"""The audit log: who did what, when. Written in the transaction of the action it tells
(`note` stages, the calling use case commits), or heard from registrations; read by owners,
newest first, a page at a time."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Action, Principal
from services.events.domain.audit import What
from services.events.storage.tables import AuditEntry, Event, Organization
from shared.contracts import AuditRecordedV1

PAGE_SIZE = 50


def note(
    session: AsyncSession,
    principal: Principal,
    what: What,
    *,
    subject: str = "",
    event_id: str | None = None,
    details: dict[str, str] | None = None,
    at: datetime | None = None,
) -> None:
    """Stage one entry of the log in the caller's transaction."""
    note_as(
        session,
        principal.organization_id,
        principal.actor,
        what,
        subject=subject,
        event_id=event_id,
        details=details,
        at=at,
    )


def note_as(
    session: AsyncSession,
    organization_id: int,
    actor: str,
    what: What,
    *,
    subject: str = "",
    event_id: str | None = None,
    details: dict[str, str] | None = None,
    at: datetime | None = None,
) -> None:
    """Stage one entry of the log for someone who is not (yet) a principal: the platform's
    operator, a person accepting an invitation."""
    session.add(
        AuditEntry(
            organization_id=organization_id,
            event_id=event_id,
            at=at or datetime.now(UTC),
            actor=actor,
            what=what.value,
            subject=subject[:500],
            details=json.dumps(details or {}),
        )
    )


async def hear_recorded(session: AsyncSession, *, fact: AuditRecordedV1) -> None:
    """An action registrations recorded: kept beside ours (the caller commits). An unknown
    organization (removed since) keeps nothing."""
    found = await session.exec(
        select(Organization.id).where(Organization.slug == fact.organization_slug)
    )
    organization_id = found.first()
    if organization_id is None:
        return
    session.add(
        AuditEntry(
            organization_id=organization_id,
            event_id=fact.event_id,
            at=fact.at,
            actor=fact.actor,
            what=fact.what,
            subject=fact.subject_text[:500],
            details=json.dumps({"event": fact.event_title, **fact.details}),
        )
    )


@dataclass(frozen=True)
class LogPage:
    entries: list[AuditEntry]
    page: int
    pages: int
    titles: dict[str, str]  # event id -> title, for the entries and the filter


async def read_log(
    *, session: AsyncSession, principal: Principal, event_id: str | None, page: int
) -> LogPage:
    """One page of the organization's log, newest first, of one event or all."""
    principal.require(Action.AUDIT)
    scope = [col(AuditEntry.organization_id) == principal.organization_id]
    if event_id:
        scope.append(col(AuditEntry.event_id) == event_id)
    total = (await session.exec(select(func.count()).select_from(AuditEntry).where(*scope))).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = await session.exec(
        select(AuditEntry)
        .where(*scope)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    events = await session.exec(
        select(Event.id, Event.title).where(Event.organization_id == principal.organization_id)
    )
    titles = {event_id: title for event_id, title in events.all()}
    return LogPage(entries=list(rows.all()), page=page, pages=pages, titles=titles)
