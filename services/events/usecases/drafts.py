"""Drafts told to the registrations service, so organizers prepare the registration form
before publishing: each save of a draft stages its snapshot (revision 0) in the outbox, in
the same transaction as the save. Nothing public ever reads this fact."""

from datetime import UTC, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.event_life import EventStatus
from services.events.storage.tables import Event
from services.events.usecases.reading import build_from_rows
from services.events.usecases.revising import SOURCE
from shared.contracts import EventDraftSavedV1
from shared.outbox import add_to_outbox


async def tell_draft(session: AsyncSession, event: Event, *, events_url: str) -> None:
    """Stage the draft as it now stands (flushed rows, not committed); nothing once published."""
    if event.status != EventStatus.DRAFT:
        return
    await session.flush()
    snapshot = await build_from_rows(session, event, events_url=events_url)
    fact = EventDraftSavedV1(event=snapshot, saved_at=datetime.now(UTC))
    add_to_outbox(session, fact, source=SOURCE)
