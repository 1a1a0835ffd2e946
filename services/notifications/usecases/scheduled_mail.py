"""Use cases of scheduled mail: keep each participant's rows in step with the event, and turn
the rows that fell due into deliveries. Rows survive restarts; keys keep them single."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.schedule import (
    SCHEDULED_KINDS,
    THANKS_WITHIN,
    plan,
    releasable,
    settle,
)
from services.notifications.storage.tables import KnownEvent, Participant, ScheduledMail
from services.notifications.usecases import deliveries
from shared.contracts import EventSnapshotV1


async def replan(
    session: AsyncSession,
    *,
    participant: Participant,
    snapshot: EventSnapshotV1 | None,
    now: datetime,
) -> None:
    """Bring one participant's rows in step with the event as it stands (staged): new ones
    for a held seat, new times for a moved event, dropped ones for a seat given up."""
    planned = plan(snapshot, participant, now)
    rows = (
        await session.exec(
            select(ScheduledMail).where(
                ScheduledMail.registration_id == participant.registration_id
            )
        )
    ).all()
    existing = {row.kind: row for row in rows}
    for kind in SCHEDULED_KINDS:
        changed = settle(existing.get(kind), planned.get(kind), participant)
        if changed is not None:
            session.add(changed)


async def replan_event(session: AsyncSession, *, snapshot: EventSnapshotV1, now: datetime) -> None:
    """Replan everyone registered for the event, after it changed (staged)."""
    participants = await session.exec(
        select(Participant).where(Participant.event_id == snapshot.id)
    )
    for participant in participants.all():
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
            .where(ScheduledMail.status == "pending", col(ScheduledMail.due_at) <= now)
            .order_by(col(ScheduledMail.due_at))
            .limit(limit)
        )
    ).all()
    made = 0
    for row in due:
        participant = await session.get(Participant, row.registration_id)
        snapshot = await deliveries.known_event(session, row.event_id)
        owed = releasable(row, participant, snapshot, now)
        if not await _claim(session, row, "queued" if owed else "dropped"):
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


async def _claim(session: AsyncSession, row: ScheduledMail, status: str) -> bool:
    """Move a pending row on; False when another replica already did."""
    result = await session.exec(
        update(ScheduledMail)
        .where(col(ScheduledMail.id) == row.id, col(ScheduledMail.status) == "pending")
        .values(status=status)
    )
    return bool(result.rowcount == 1)
