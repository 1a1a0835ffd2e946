"""Public JSON: events (upcoming or past, by organizer or topic) and one event's snapshot."""

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter

from services.events.context import CtxDep
from services.events.usecases import reading
from shared.contracts import EventSnapshotV1
from shared.web.deps import SessionDep
from shared.web.errors import refusals

router = APIRouter(prefix="/api/events", tags=["public"], responses=refusals(422))


def public(snapshot: EventSnapshotV1) -> EventSnapshotV1:
    """What anyone may read: the link for online participants stays private."""
    return snapshot.model_copy(update={"online_url": None})


@router.get("")
async def list_events(
    session: SessionDep,
    ctx: CtxDep,
    when: Literal["upcoming", "past", "all"] = "upcoming",
    organizer: str | None = None,
    topic: str | None = None,
) -> list[EventSnapshotV1]:
    """Public events; upcoming soonest first, past latest first."""
    snapshots = await reading.public_events(
        session=session,
        now=datetime.now(UTC),
        events_url=ctx.settings.events_public_url,
        when=when,
        organizer=organizer,
        topic=topic,
    )
    return [public(s) for s in snapshots]


@router.get("/{slug}", responses=refusals(404))
async def get_event(slug: str, session: SessionDep, ctx: CtxDep) -> EventSnapshotV1:
    """One public event with its programme."""
    snapshot = await reading.public_snapshot(
        session=session, slug=slug, events_url=ctx.settings.events_public_url
    )
    return public(snapshot)
