"""An event as the console reads and saves it: the current rows, as a snapshot or an EventIn.

Every change goes through editing.update_event with the whole EventIn, like the API, so a
published event gets exactly one revision per save.
"""

from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.editable import to_event_in
from services.events.models import Event
from services.events.routes.console.session import Workspace
from services.events.schemas import EventIn
from services.events.services import editing, reading
from shared.contracts import EventSnapshotV1


async def snapshot_now(session: AsyncSession, event: Event, *, events_url: str) -> EventSnapshotV1:
    """The event as its rows stand, drafts included.

    A snapshot knows no drafts (its status is published, cancelled or completed), so a draft
    is read through an unsaved copy marked published, and the copy of the answer says draft.
    """
    readable = event
    if event.status == "draft":
        readable = Event(**{**event.model_dump(), "status": "published"})
    snapshot = await reading.build_from_rows(session, readable, events_url=events_url)
    return snapshot.model_copy(update={"status": event.status})


async def load(ws: Workspace, event_id: str) -> tuple[Event, EventSnapshotV1]:
    """One of the organization's events and its snapshot; another's is not found."""
    event = await editing.get_own_event(ws.session, ws.principal, event_id)
    snapshot = await snapshot_now(ws.session, event, events_url=ws.settings.events_public_url)
    return event, snapshot


async def editable(ws: Workspace, event_id: str) -> tuple[Event, EventIn]:
    """The event as the organizer wrote it, to change one thing and save it whole."""
    event, snapshot = await load(ws, event_id)
    return event, to_event_in(snapshot, venue_id=event.venue_id)


async def save(ws: Workspace, event_id: str, payload: EventIn) -> Event:
    event = await editing.update_event(
        session=ws.session,
        principal=ws.principal,
        event_id=event_id,
        payload=payload,
        events_url=ws.settings.events_public_url,
    )
    ws.wake()
    return event
