"""Changes to a published event, announced on purpose: the console saves edits without
publishing them; the organizer reads what participants will be told, then publishes all
the saved edits as one revision, with or without notifying them, or discards them."""

import hashlib
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Action, Principal
from services.events.domain.changes import describe_changes
from services.events.domain.editable import to_event_in
from services.events.domain.event_life import EventAction, EventStatus
from services.events.storage.tables import Event, Venue
from services.events.usecases.editing import commit, get_own_event, step, update_event
from services.events.usecases.reading import build_from_rows, published_snapshot
from services.events.usecases.revising import revise
from shared.announcements import mail_kind
from shared.contracts import ChangeV1, EventSnapshotV1
from shared.errors import Conflict

MOVED = "The saved changes moved since you read them (a colleague saved more): read them again"


@dataclass(frozen=True)
class Pending:
    """What publishing the saved edits would announce: the changes since the published
    revision, whether calendars must hear of them, the email participants would get (None:
    none), and a fingerprint of the changes, so a publish names what its reader saw."""

    changes: tuple[ChangeV1, ...]
    calendar_relevant: bool
    mail_kind: str | None
    fingerprint: str
    current: EventSnapshotV1

    @property
    def quiet_allowed(self) -> bool:
        """Publishing without notice: not when time or place changed (invites go stale)."""
        return not self.calendar_relevant


async def pending_changes(
    *, session: AsyncSession, principal: Principal, event_id: str, events_url: str
) -> Pending | None:
    """The saved edits not yet published; None for an event not published or with none."""
    event = await get_own_event(session, principal, event_id)
    if event.status != EventStatus.PUBLISHED:
        return None
    before = await published_snapshot(session, event, events_url=events_url)
    after = await build_from_rows(session, event, events_url=events_url)
    changes, relevant = describe_changes(before, after)
    if not changes:
        return None
    kind = mail_kind(
        changes, calendar_relevant=relevant, notify_programme_changes=after.notify_programme_changes
    )
    return Pending(changes, relevant, kind, _fingerprint(event, changes), after)


def _fingerprint(event: Event, changes: tuple[ChangeV1, ...]) -> str:
    said = "\n".join(f"{c.code}|{c.it}|{c.en}" for c in changes)
    return hashlib.sha256(f"{event.revision}\n{said}".encode()).hexdigest()[:32]


async def publish_changes(
    *,
    session: AsyncSession,
    principal: Principal,
    event_id: str,
    notify: bool,
    seen: str | None,
    events_url: str,
) -> bool:
    """Publish the saved edits as one revision, announced unless `notify` is False (refused
    when time or place changed). `seen` is the fingerprint the organizer read; a 409 when the
    edits changed since. False when there was nothing to publish."""
    principal.require(Action.EDIT)
    pending = await pending_changes(
        session=session, principal=principal, event_id=event_id, events_url=events_url
    )
    if pending is None:
        return False
    if seen is not None and seen != pending.fingerprint:
        raise Conflict(MOVED)
    event = await get_own_event(session, principal, event_id)
    edit = step(event, EventAction.EDIT)
    await revise(session, principal, event, edit, events_url=events_url, notify=notify)
    await commit(session)
    return True


async def discard_changes(
    *, session: AsyncSession, principal: Principal, event_id: str, events_url: str
) -> bool:
    """Put the event's content back as last published: the saved edits are gone (False:
    there were none). Entries of the speaker and venue directories are not changed back."""
    principal.require(Action.EDIT)
    pending = await pending_changes(
        session=session, principal=principal, event_id=event_id, events_url=events_url
    )
    if pending is None:
        return False
    event = await get_own_event(session, principal, event_id)
    published = await published_snapshot(session, event, events_url=events_url)
    venue = (
        await session.exec(
            select(Venue.id).where(
                Venue.organization_id == event.organization_id,
                Venue.name == published.venue.name,
            )
        )
    ).first()
    payload = to_event_in(published, venue_id=venue or event.venue_id)
    await update_event(
        session=session,
        principal=principal,
        event_id=event_id,
        payload=payload,
        events_url=events_url,
        publish=False,
        restore=True,
    )
    return True
