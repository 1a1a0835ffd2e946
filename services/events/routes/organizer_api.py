"""Organizer API: create an event as a draft, then publish it. Bearer-token protected."""

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException

from services.events import services
from services.events.schemas import EventCreate
from services.events.settings import EventsSettings
from shared.contracts import EventSnapshotV1
from shared.web.deps import CtxDep, SessionDep


def require_organizer(ctx: CtxDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Refuse without the organizer token; constant-time comparison."""
    settings = ctx.settings
    assert isinstance(settings, EventsSettings)
    expected = f"Bearer {settings.organizer_token.get_secret_value()}"
    if not authorization or not hmac.compare_digest(authorization.encode(), expected.encode()):
        raise HTTPException(
            status_code=401,
            detail="Organizer token missing or wrong: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


router = APIRouter(
    prefix="/api/organizer", tags=["organizer"], dependencies=[Depends(require_organizer)]
)


@router.post("/events", status_code=201)
async def create_event(payload: EventCreate, session: SessionDep) -> dict[str, str]:
    """Create a draft event with its venue, programme and speakers."""
    event = await services.create_event(session=session, payload=payload)
    return {"id": event.id, "slug": event.slug, "status": event.status}


@router.post("/events/{event_id}/publish")
async def publish_event(event_id: str, session: SessionDep, ctx: CtxDep) -> EventSnapshotV1:
    """Publish a draft: it becomes public and open for registration."""
    snapshot = await services.publish_event(
        session=session, event_id=event_id, events_url=ctx.settings.events_public_url
    )
    ctx.relay.wake()
    return snapshot
