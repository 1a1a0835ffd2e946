"""Published revisions of an event: each compares the rows with the last one published, is
kept in the history and as the snapshot readers see, and goes out as a fact."""

import json

from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Principal
from services.events.domain.changes import describe_changes
from services.events.domain.event_life import EventStep
from services.events.storage.tables import Event, EventRevision
from services.events.usecases.reading import build_from_rows, published_snapshot
from shared.contracts import ChangeV1, EventSnapshotV1
from shared.errors import Conflict
from shared.outbox import add_to_outbox

SOURCE = "/convegni/events"
QUIET_REFUSED = (
    "The time or the place changed: participants must get the updated calendar invite, "
    "so this change is published with notice to them"
)


async def revise(
    session: AsyncSession,
    principal: Principal,
    event: Event,
    edit: EventStep,
    *,
    events_url: str,
    notify: bool = True,
) -> bool:
    """Compare with the last published revision; publish a new one if anything changed
    (False: nothing did). Not notifying is refused when time or place changed: the
    calendar invites people hold would be wrong."""
    before = await published_snapshot(session, event, events_url=events_url)
    after = await build_from_rows(session, event, events_url=events_url)
    changes, relevant = describe_changes(before, after)
    if not changes:
        return False
    if relevant and not notify:
        raise Conflict(QUIET_REFUSED)
    snapshot = next_revision(event, after, relevant)
    record(session, event, snapshot, changes, relevant, principal.actor, notified=notify)
    fact = edit.emit(event=snapshot, changes=changes, calendar_relevant=relevant, notify=notify)
    add_to_outbox(session, fact, source=SOURCE)
    return True


def next_revision(event: Event, snapshot: EventSnapshotV1, relevant: bool) -> EventSnapshotV1:
    event.revision += 1
    event.calendar_sequence += 1 if relevant else 0
    return snapshot.model_copy(
        update={"revision": event.revision, "calendar_sequence": event.calendar_sequence}
    )


def record(
    session: AsyncSession,
    event: Event,
    snapshot: EventSnapshotV1,
    changes: tuple[ChangeV1, ...],
    relevant: bool,
    author: str,
    *,
    notified: bool = True,
) -> None:
    """Keep the revision in the history (`notified`: whether participants were told) and
    as the snapshot readers see."""
    session.add(
        EventRevision(
            event_id=event.id,
            revision=snapshot.revision,
            author=author,
            changes=json.dumps([change.model_dump() for change in changes]),
            calendar_relevant=relevant,
            notified=notified,
            snapshot=snapshot.model_dump_json(),
        )
    )
    event.published_snapshot = snapshot.model_dump_json()
    session.add(event)
