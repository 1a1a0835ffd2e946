"""Organizer API for events: drafts, publishing, revisions, cancelling. Token-scoped to one
organization: another organization's events answer 404."""

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.context import CtxDep, EventsContext
from services.events.domain.editable import to_event_in
from services.events.domain.programme_checks import stored_warnings
from services.events.storage.tables import Event
from services.events.usecases import editing, reading
from services.events.web.routes.auth import PrincipalDep
from services.events.web.schemas import (
    CancelIn,
    EventIn,
    EventSaved,
    EventSummary,
    RevisionOut,
    WarningOut,
)
from shared.contracts import ChangeV1, EventSnapshotV1
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(
    prefix="/api/organizer/events",
    tags=["organizer: events"],
    responses=refusals(401, 422),
)
OWN = refusals(404)  # another organization's event is not found
CHANGE = refusals(403, 404, 409)


@router.get("")
async def list_events(principal: PrincipalDep, session: SessionDep) -> list[EventSummary]:
    """All your organization's events, drafts included, newest first."""
    events = await editing.list_own_events(session=session, principal=principal)
    return [EventSummary.model_validate(e, from_attributes=True) for e in events]


@router.post("", status_code=201, responses=refusals(400, 403, 409, 413))
async def create_event(
    payload: EventIn, principal: PrincipalDep, session: SessionDep, ctx: CtxDep
) -> EventSaved:
    """Create a draft event with its venue, programme and speakers; `warnings` says what in
    it may be a mistake (it is saved all the same)."""
    event = await editing.create_event(
        session=session,
        principal=principal,
        payload=payload,
        events_url=ctx.settings.events_public_url,
    )
    ctx.relay.wake()  # registrations hears of the draft
    return await _saved(session, event, ctx)


@router.get("/{event_id}", responses=OWN)
async def get_event(
    event_id: str, principal: PrincipalDep, session: SessionDep, ctx: CtxDep
) -> EventSnapshotV1:
    """The event as it stands now (a draft, or the published one with any later edit)."""
    event = await editing.get_own_event(session, principal, event_id)
    return await reading.build_from_rows(session, event, events_url=ctx.settings.events_public_url)


@router.get("/{event_id}/input", responses=OWN)
async def get_event_input(
    event_id: str, principal: PrincipalDep, session: SessionDep, ctx: CtxDep
) -> EventIn:
    """The event in exactly the shape PUT takes (times on its wall clock, with their
    offset): change what you need and send it back."""
    event = await editing.get_own_event(session, principal, event_id)
    snapshot = await reading.build_from_rows(
        session, event, events_url=ctx.settings.events_public_url
    )
    return to_event_in(snapshot, venue_id=event.venue_id, with_offsets=True)


NOTIFY = Query(
    description=(
        "false: publish the change without notifying participants (a typo fixed). Refused "
        "(409) when the time or the place changed: their calendar invites must follow."
    ),
)


@router.put("/{event_id}", responses={**CHANGE, **refusals(400, 413)})
async def update_event(
    event_id: str,
    payload: EventIn,
    principal: PrincipalDep,
    session: SessionDep,
    ctx: CtxDep,
    notify: Annotated[bool, NOTIFY] = True,
) -> EventSaved:
    """Replace the event's content; a published event gets a new revision at once if
    anything changed, and participants are told of it by email unless `notify=false`.
    Items keep their ids when given; without ids, the revision's summary still matches items
    by their content. `warnings` says what may be a mistake (it is saved all the same)."""
    event = await editing.update_event(
        session=session,
        principal=principal,
        event_id=event_id,
        payload=payload,
        events_url=ctx.settings.events_public_url,
        notify=notify,
    )
    ctx.relay.wake()
    return await _saved(session, event, ctx)


async def _saved(session: AsyncSession, event: Event, ctx: EventsContext) -> EventSaved:
    """The event's summary with the warnings of the event as now stored."""
    snapshot = await reading.build_from_rows(
        session, event, events_url=ctx.settings.events_public_url
    )
    warnings = [
        WarningOut.model_validate(
            {"code": w.code, "item": w.item, "it": w.said("it"), "en": w.said("en")}
        )
        for w in stored_warnings(snapshot, datetime.now(UTC))
    ]
    summary = EventSummary.model_validate(event, from_attributes=True)
    return EventSaved(**summary.model_dump(), warnings=warnings)


@router.post("/{event_id}/publish", responses=CHANGE)
async def publish_event(
    event_id: str, principal: PrincipalDep, session: SessionDep, ctx: CtxDep
) -> EventSnapshotV1:
    """Publish a draft: it becomes public and open for registration."""
    snapshot = await editing.publish_event(
        session=session,
        principal=principal,
        event_id=event_id,
        events_url=ctx.settings.events_public_url,
    )
    ctx.relay.wake()
    return snapshot


@router.post("/{event_id}/cancel", responses={**CHANGE, **refusals(400, 413)})
async def cancel_event(
    event_id: str, body: CancelIn, principal: PrincipalDep, session: SessionDep, ctx: CtxDep
) -> EventSnapshotV1:
    """Cancel a published event; participants' calendars drop it."""
    snapshot = await editing.cancel_event(
        session=session,
        principal=principal,
        event_id=event_id,
        reason=body.reason,
        events_url=ctx.settings.events_public_url,
    )
    ctx.relay.wake()
    return snapshot


@router.post("/{event_id}/complete", responses=CHANGE)
async def complete_event(
    event_id: str, principal: PrincipalDep, session: SessionDep, ctx: CtxDep
) -> EventSnapshotV1:
    """Mark a published event that has ended as completed."""
    snapshot = await editing.complete_event(
        session=session,
        principal=principal,
        event_id=event_id,
        now=datetime.now(UTC),
        events_url=ctx.settings.events_public_url,
    )
    ctx.relay.wake()
    return snapshot


@router.get("/{event_id}/revisions", responses=OWN)
async def list_revisions(
    event_id: str, principal: PrincipalDep, session: SessionDep
) -> list[RevisionOut]:
    """What changed in each published revision, newest first."""
    rows = await editing.revisions(session=session, principal=principal, event_id=event_id)
    return [
        RevisionOut(
            revision=row.revision,
            created_at=row.created_at,
            author=row.author,
            calendar_relevant=row.calendar_relevant,
            notified=row.notified,
            changes=[ChangeV1.model_validate(c) for c in json.loads(row.changes)],
        )
        for row in rows
    ]
