"""Organizer API for events: drafts, publishing, revisions, cancelling. Token-scoped to one
organization: another organization's events answer 404."""

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from services.events.context import CtxDep
from services.events.domain.editable import to_event_in
from services.events.usecases import editing, reading
from services.events.web.routes.auth import PrincipalDep
from services.events.web.schemas import CancelIn, EventIn, EventSummary, RevisionOut
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
    payload: EventIn, principal: PrincipalDep, session: SessionDep
) -> EventSummary:
    """Create a draft event with its venue, programme and speakers."""
    event = await editing.create_event(session=session, principal=principal, payload=payload)
    return EventSummary.model_validate(event, from_attributes=True)


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
    """The event in exactly the shape PUT takes: change what you need and send it back."""
    event = await editing.get_own_event(session, principal, event_id)
    snapshot = await reading.build_from_rows(
        session, event, events_url=ctx.settings.events_public_url
    )
    return to_event_in(snapshot, venue_id=event.venue_id)


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
) -> EventSummary:
    """Replace the event's content; a published event gets a new revision at once if
    anything changed, and participants are told of it by email unless `notify=false`."""
    event = await editing.update_event(
        session=session,
        principal=principal,
        event_id=event_id,
        payload=payload,
        events_url=ctx.settings.events_public_url,
        notify=notify,
    )
    ctx.relay.wake()
    return EventSummary.model_validate(event, from_attributes=True)


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
