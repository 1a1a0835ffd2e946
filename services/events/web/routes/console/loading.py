"""An event as the console reads and saves it: the current rows, as a snapshot or an EventIn.

Every change goes through editing.update_event with the whole EventIn, like the API; the
console saves the edits of a published event without publishing them: the organizer reviews
what participants will be told and publishes them together (routes/console/announcing.py).
"""

from services.events.domain.editable import to_event_in
from services.events.storage.tables import Event
from services.events.usecases import directory, editing, reading
from services.events.web.routes.console.session import Workspace
from services.events.web.schemas import EventIn
from shared.contracts import EventSnapshotV1


async def load(ws: Workspace, event_id: str) -> tuple[Event, EventSnapshotV1]:
    """One of the organization's events and its snapshot as its rows stand (drafts too);
    another organization's is not found."""
    event = await editing.get_own_event(ws.session, ws.principal, event_id)
    events_url = ws.settings.events_public_url
    return event, await reading.build_from_rows(ws.session, event, events_url=events_url)


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
        publish=False,
    )
    ws.wake()  # a draft's save goes to registrations
    return event


async def venue_options(ws: Workspace) -> list[tuple[str, str]]:
    """The directory's venues as (value, text) for a select."""
    venues = await directory.listed(session=ws.session, principal=ws.principal, of=directory.VENUES)
    return [(str(v.id), ", ".join(filter(None, (v.name, v.city)))) for v in venues]


async def speaker_options(ws: Workspace) -> list[tuple[str, str]]:
    """The directory's speakers as (value, text) for a select."""
    speakers = await directory.listed(
        session=ws.session, principal=ws.principal, of=directory.SPEAKERS
    )
    return [(str(s.id), s.name) for s in speakers]
