"""When the emails around an event fall due: "are you still coming?", the reminder, and the
thanks. Each is keyed by the event's start, so a moved event owes a fresh one, and planning
again (a restart, a redelivered fact) owes nothing new."""

from datetime import UTC, datetime, timedelta

from services.notifications.domain.delivery_life import delivery_key, round_id
from services.notifications.domain.participants import Registrant, holds_seat
from services.notifications.domain.scheduled_life import (
    INITIAL,
    Planned,
    Scheduled,
    ScheduledAction,
    may,
    move,
)
from shared.contracts import EventSnapshotV1

SCHEDULED_KINDS = ("still_coming", "reminder", "thanks")
# Thanks are for an event people still remember: after a long outage or backlog, a thanks
# weeks late would puzzle more than please.
THANKS_WITHIN = timedelta(days=3)


def due_times(snapshot: EventSnapshotV1) -> dict[str, datetime]:
    """When each email the organizer asked for is due; a kind switched off is absent."""
    due = {}
    if snapshot.still_coming_days_before is not None:
        due["still_coming"] = snapshot.starts_at - timedelta(days=snapshot.still_coming_days_before)
    if snapshot.reminder_hours_before is not None:
        due["reminder"] = snapshot.starts_at - timedelta(hours=snapshot.reminder_hours_before)
    if snapshot.thanks_after:
        due["thanks"] = snapshot.ends_at
    return due


def too_late(kind: str, snapshot: EventSnapshotV1, now: datetime) -> bool:
    """An announcement once the event has started; thanks long after it ended."""
    if kind == "thanks":
        return now >= snapshot.ends_at + THANKS_WITHIN
    return now >= snapshot.starts_at


def owed_to(kind: str, due_at: datetime, participant: Registrant) -> bool:
    """Announcements are owed to whoever held the seat before they fell due: someone who
    registers later has just had the confirmation, which says it all. Thanks go to all."""
    confirmed_at = participant.confirmed_at
    return kind == "thanks" or (confirmed_at is not None and due_at > confirmed_at)


def scheduled_key(participant: Registrant, kind: str, snapshot: EventSnapshotV1) -> str:
    """registration/kind/<start>: one email per kind and start time of the event."""
    anchor = snapshot.starts_at.astimezone(UTC).isoformat()
    return delivery_key(round_id(participant.registration_id, participant.renewal), kind, anchor)


def plan(
    snapshot: EventSnapshotV1 | None, participant: Registrant, now: datetime
) -> dict[str, Planned]:
    """The scheduled emails this participant is owed for the event as it now stands."""
    if snapshot is None or snapshot.status == "cancelled" or not holds_seat(participant):
        return {}
    return {
        kind: Planned(kind, due_at, scheduled_key(participant, kind, snapshot))
        for kind, due_at in due_times(snapshot).items()
        if owed_to(kind, due_at, participant) and not too_late(kind, snapshot, now)
    }


def settle(row: Scheduled | None, planned: Planned | None) -> Scheduled | None:
    """The row to store so it matches the plan, or None when it already does. A row already
    made into a delivery under the planned key stays as it is: that email is owed once."""
    if row is None:
        if planned is None:
            return None
        return Scheduled(planned.kind, planned.key, planned.due_at, status=INITIAL.value)
    action = ScheduledAction.DROP if planned is None else ScheduledAction.REPLAN
    return move(row, action, planned) if may(row, action, planned) else None


def releasable(
    row: Scheduled,
    participant: Registrant | None,
    snapshot: EventSnapshotV1 | None,
    now: datetime,
) -> bool:
    """Whether a due row is still owed at sending time: the seat still held, the event not
    cancelled, not too late, and the event still starting when the row was planned for."""
    if participant is None or snapshot is None:
        return False
    return plan(snapshot, participant, now).get(row.kind) == Planned(row.kind, row.due_at, row.key)
