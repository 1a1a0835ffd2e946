"""Public JSON: upcoming events and one event's snapshot."""

from datetime import UTC, datetime

from fastapi import APIRouter

from services.events import services
from shared.contracts import EventSnapshotV1
from shared.web.deps import CtxDep, SessionDep

router = APIRouter(prefix="/api/events", tags=["public"])


@router.get("")
async def list_events(session: SessionDep, ctx: CtxDep) -> list[EventSnapshotV1]:
    """Published events that have not ended, soonest first."""
    return await services.upcoming_events(
        session=session, now=datetime.now(UTC), events_url=ctx.settings.events_public_url
    )


@router.get("/{slug}")
async def get_event(slug: str, session: SessionDep, ctx: CtxDep) -> EventSnapshotV1:
    """One public event with its programme."""
    return await services.public_snapshot(
        session=session, slug=slug, events_url=ctx.settings.events_public_url
    )
