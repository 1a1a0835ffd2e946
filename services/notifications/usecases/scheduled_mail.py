"""Use cases of scheduled mail: keep each participant's rows in step with the event, and turn
the rows that fell due into deliveries. Rows survive restarts; keys keep them single."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.participants import Registrant
from services.notifications.domain.schedule import (
    SCHEDULED_KINDS,
    THANKS_WITHIN,
    plan,
    releasable,
    settle,
)
from services.notifications.domain.scheduled_life import (
    TABLE,
    Scheduled,
    ScheduledAction,
    move,
)
from services.notifications.storage import registrants
from services.notifications.storage.plain import columns, plain
from services.notifications.storage.tables import KnownEvent, ScheduledMail
from services.notifications.usecases import deliveries, event_copy
from shared.contracts import EventSnapshotV1


async def replan(
    session: AsyncSession,
    *,
    participant: Registrant,
    snapshot: EventSnapshotV1 | None,
    now: datetime,
    first: bool = False,
) -> None:
    """Bring one participant's rows in step with the event as it stands (staged): new ones
    for a held seat, new times for a moved event, dropped ones for a seat given up.
    `first`: a participant just heard of, who has no rows yet."""
    planned = plan(snapshot, participant, now)
    existing = {} if first else await _rows_of(session, participant.registration_id)
    for kind in SCHEDULED_KINDS:
        row = existing.get(kind)
        before = plain(Scheduled, row) if row is not None else None
        after = settle(before, planned.get(kind))
        if after is None:
            continue
        if row is None or before is None:
            session.add(
                ScheduledMail(
                    registration_id=participant.registration_id,
                    event_id=participant.event_id,
                    **columns(after),
                )
            )
        else:
            await _write(session, row, before, after)


async def _rows_of(session: AsyncSession, registration_id: str) -> dict[str, ScheduledMail]:
    """A registration's scheduled rows, by kind."""
    rows = await session.exec(
        select(ScheduledMail).where(ScheduledMail.registration_id == registration_id)
    )
    return {row.kind: row for row in rows.all()}


async def replan_event(session: AsyncSession, *, snapshot: EventSnapshotV1, now: datetime) -> None:
    """Replan everyone registered for the event, after it changed (staged)."""
    for participant in await registrants.of_event(session, snapshot.id):
        await replan(session, participant=participant, snapshot=snapshot, now=now)


async def replan_upcoming(*, session: AsyncSession, now: datetime) -> None:
    """Replan everyone registered for an event not yet over, and commit: at start, so rows
    exist for registrants known before scheduled mail was (see migration 0003), and rules
    changed by an upgrade apply to rows planned before it."""
    for known in (await session.exec(select(KnownEvent))).all():
        snapshot = EventSnapshotV1.model_validate_json(known.snapshot)
        if snapshot.ends_at + THANKS_WITHIN > now:
            await replan_event(session, snapshot=snapshot, now=now)
    await session.commit()


async def release_due(
    *, session: AsyncSession, now: datetime, domain: str, limit: int = 200
) -> int:
    """Make deliveries of the rows that fell due, or drop those no longer owed; returns how
    many deliveries it made. Each row is claimed by a conditional UPDATE, and the delivery
    key is unique, so replicas never make one twice."""
    due = (
        await session.exec(
            select(ScheduledMail)
            .where(
                col(ScheduledMail.status).in_(TABLE.origins(ScheduledAction.RELEASE)),
                col(ScheduledMail.due_at) <= now,
            )
            .order_by(col(ScheduledMail.due_at))
            .limit(limit)
        )
    ).all()
    made = 0
    for row in due:
        participant = await registrants.find(session, row.registration_id)
        snapshot = await event_copy.known_event(session, row.event_id)
        before = plain(Scheduled, row)
        owed = releasable(before, participant, snapshot, now)
        action = ScheduledAction.RELEASE if owed else ScheduledAction.DROP
        if not await _write(session, row, before, move(before, action)):
            continue
        if owed and participant is not None:
            made += await deliveries.owe_participant(
                session,
                participant=participant,
                kind=row.kind,
                key=row.key,
                extra={},
                domain=domain,
                now=now,
            )
    await session.commit()
    return made


async def _write(
    session: AsyncSession, row: ScheduledMail, before: Scheduled, after: Scheduled
) -> bool:
    """Store a row's move; False when another replica moved it first (a conditional UPDATE
    on the status it was read in)."""
    result = await session.exec(
        update(ScheduledMail)
        .where(col(ScheduledMail.id) == row.id, col(ScheduledMail.status) == before.status)
        .values(columns(after))
    )
    return bool(result.rowcount == 1)
