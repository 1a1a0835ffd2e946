"""A delivery's life and scheduled mail's life: each row of their tables moves and writes
what it says, and a move the tables do not hold is refused with a 409."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from services.notifications.domain import delivery_life, scheduled_life
from services.notifications.domain.delivery_life import (
    DeliveryAction,
    DeliveryState,
    DeliveryStatus,
    Occasion,
    after_failure,
    change,
    fire,
)
from services.notifications.domain.scheduled_life import (
    Planned,
    Scheduled,
    ScheduledAction,
    ScheduledStatus,
    move,
)
from shared.errors import Conflict
from shared.lifecycle import IllegalTransition

pytestmark = pytest.mark.unit

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
LEASE_ENDS = NOW + timedelta(seconds=60)
RETRY_AT = NOW + timedelta(seconds=30)
SEND_ENDS = NOW + timedelta(seconds=20)
SCHEDULE = (30.0, 120.0)


def delivery(status: DeliveryStatus, **changes: object) -> DeliveryState:
    state = DeliveryState(status=status, attempts=1, next_attempt_at=NOW, lease_until=None)
    return replace(state, **changes)


Is, On = DeliveryStatus, DeliveryAction
DELIVERY_ROWS = [
    (Is.QUEUED, On.CLAIM, {}, Occasion(NOW, lease_until=LEASE_ENDS), Is.CLAIMED,
     {"lease_until": LEASE_ENDS}, 1),
    (Is.RETRYING, On.CLAIM, {}, Occasion(NOW, lease_until=LEASE_ENDS), Is.CLAIMED,
     {"lease_until": LEASE_ENDS}, 1),
    (Is.CLAIMED, On.TAKE_OVER, {"lease_until": NOW - timedelta(seconds=1)},
     Occasion(NOW, lease_until=LEASE_ENDS), Is.CLAIMED, {"lease_until": LEASE_ENDS}, 1),
    (Is.SENDING, On.RESEND, {"lease_until": NOW - timedelta(seconds=1)},
     Occasion(NOW, lease_until=LEASE_ENDS), Is.CLAIMED, {"lease_until": LEASE_ENDS}, 1),
    (Is.CLAIMED, On.HAND_BACK, {"lease_until": LEASE_ENDS}, Occasion(NOW), Is.CLAIMED,
     {"lease_until": NOW}, -1),
    (Is.CLAIMED, On.BEGIN, {"lease_until": LEASE_ENDS},
     Occasion(NOW, lease_until=SEND_ENDS, held=LEASE_ENDS), Is.SENDING,
     {"attempted_at": NOW, "lease_until": SEND_ENDS}, 0),
    (Is.CLAIMED, On.ACCEPTED, {}, Occasion(NOW), Is.SENT,
     {"sent_at": NOW, "lease_until": None, "last_error": None}, 0),
    (Is.SENDING, On.ACCEPTED, {}, Occasion(NOW), Is.SENT,
     {"sent_at": NOW, "lease_until": None, "last_error": None}, 0),
    (Is.RETRYING, On.ACCEPTED, {}, Occasion(NOW), Is.SENT,
     {"sent_at": NOW, "lease_until": None, "last_error": None}, 0),
    (Is.CLAIMED, On.FAIL_FOR_NOW, {}, Occasion(NOW, retry_at=RETRY_AT, error="451 busy"),
     Is.RETRYING, {"next_attempt_at": RETRY_AT, "lease_until": None, "last_error": "451 busy"}, 0),
    (Is.SENDING, On.FAIL_FOR_NOW, {}, Occasion(NOW, retry_at=RETRY_AT, error="451 busy"),
     Is.RETRYING, {"next_attempt_at": RETRY_AT, "lease_until": None, "last_error": "451 busy"}, 0),
    (Is.CLAIMED, On.GIVE_UP, {}, Occasion(NOW, error="550 no such user", permanent=True),
     Is.FAILED, {"next_attempt_at": NOW, "lease_until": None, "last_error": "550 no such user"}, 0),
    (Is.SENDING, On.GIVE_UP, {}, Occasion(NOW, error="550 no such user", permanent=True),
     Is.FAILED, {"next_attempt_at": NOW, "lease_until": None, "last_error": "550 no such user"}, 0),
    (Is.FAILED, On.RETRY_NOW, {}, Occasion(NOW), Is.QUEUED,
     {"next_attempt_at": NOW, "lease_until": None}, 0),
    (Is.RETRYING, On.RETRY_NOW, {}, Occasion(NOW), Is.QUEUED,
     {"next_attempt_at": NOW, "lease_until": None}, 0),
    (Is.QUEUED, On.DROP, {}, Occasion(NOW), Is.DROPPED, {"last_error": "no longer owed"}, 0),
    (Is.RETRYING, On.DROP, {}, Occasion(NOW), Is.DROPPED, {"last_error": "no longer owed"}, 0),
    (Is.CLAIMED, On.DROP, {}, Occasion(NOW), Is.DROPPED, {"last_error": "no longer owed"}, 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "action", "state", "occasion", "target", "columns", "counted"),
    DELIVERY_ROWS,
    ids=[f"{row[0]}-{row[1]}" for row in DELIVERY_ROWS],
)
def test_delivery_row_moves_and_writes_its_effect(
    source, action, state, occasion, target, columns, counted
):
    moved = fire(delivery(source, **state), action, occasion)

    assert (moved.status, moved.effect.columns, moved.effect.counted) == (target, columns, counted)
    assert moved.values() == {"status": target.value, **columns}


def test_delivery_only_a_resend_counts_a_possible_second_copy():
    resent = {
        (source, action): fire(delivery(source, **state), action, occasion).effect.resent
        for source, action, state, occasion, *_ in DELIVERY_ROWS
    }

    assert {move: count for move, count in resent.items() if count} == {(Is.SENDING, On.RESEND): 1}


def test_delivery_rows_tested_are_the_table():
    tested = [(source, action) for source, action, *_ in DELIVERY_ROWS]

    assert tested == list(delivery_life.TABLE.by_move)


@pytest.mark.parametrize(
    ("source", "action"),
    [
        (Is.SENT, On.RETRY_NOW),
        (Is.SENDING, On.RETRY_NOW),
        (Is.DROPPED, On.RETRY_NOW),
        (Is.SENT, On.CLAIM),
        (Is.FAILED, On.CLAIM),
        (Is.DROPPED, On.CLAIM),
        (Is.QUEUED, On.ACCEPTED),
        (Is.SENT, On.DROP),
        (Is.SENDING, On.DROP),
        (Is.QUEUED, On.HAND_BACK),
        (Is.SENDING, On.HAND_BACK),
        (Is.SENDING, On.BEGIN),
        (Is.SENDING, On.TAKE_OVER),
        (Is.CLAIMED, On.RESEND),
        (Is.QUEUED, On.BEGIN),
    ],
)
def test_delivery_move_not_in_the_table_is_refused(source, action):
    with pytest.raises(IllegalTransition) as refused:
        fire(delivery(source), action, Occasion(NOW, lease_until=LEASE_ENDS))

    assert isinstance(refused.value, Conflict)
    assert refused.value.status == 409


def test_delivery_retried_by_hand_once_sent_says_why():
    with pytest.raises(IllegalTransition) as refused:
        fire(delivery(Is.SENT), On.RETRY_NOW, Occasion(NOW), subject="Delivery 7")

    assert refused.value.message == "Delivery 7 is sent: only failed or retrying"


@pytest.mark.parametrize(
    ("state", "action", "occasion"),
    [
        ({"next_attempt_at": RETRY_AT}, On.CLAIM, Occasion(NOW, lease_until=LEASE_ENDS)),
        ({"lease_until": LEASE_ENDS}, On.TAKE_OVER, Occasion(NOW, lease_until=LEASE_ENDS)),
        ({"lease_until": LEASE_ENDS}, On.RESEND, Occasion(NOW, lease_until=LEASE_ENDS)),
        ({"lease_until": SEND_ENDS}, On.BEGIN, Occasion(NOW, held=LEASE_ENDS)),
        ({}, On.FAIL_FOR_NOW, Occasion(NOW, retry_at=RETRY_AT, permanent=True)),
        ({}, On.FAIL_FOR_NOW, Occasion(NOW, retry_at=None)),
        ({}, On.GIVE_UP, Occasion(NOW, retry_at=RETRY_AT)),
    ],
    ids=["claim-before-due", "take-over-live-lease", "resend-live-send", "begin-claim-lost",
         "retry-permanent", "retry-spent", "give-up"],
)  # fmt: skip
def test_delivery_move_whose_guard_does_not_hold_is_refused(state, action, occasion):
    source = {On.CLAIM: Is.QUEUED, On.TAKE_OVER: Is.CLAIMED, On.BEGIN: Is.CLAIMED}.get(
        action, Is.SENDING
    )

    with pytest.raises(IllegalTransition):
        fire(delivery(source, **state), action, occasion)


@pytest.mark.parametrize(
    ("attempts", "permanent", "expected"),
    [(1, False, On.FAIL_FOR_NOW), (2, False, On.FAIL_FOR_NOW), (3, False, On.GIVE_UP),
     (1, True, On.GIVE_UP)],
)  # fmt: skip
def test_delivery_failure_retries_until_the_schedule_is_spent(attempts, permanent, expected):
    action, occasion = after_failure(
        attempts, permanent=permanent, error="boom", now=NOW, schedule=SCHEDULE
    )

    assert action == expected
    assert fire(delivery(Is.SENDING, attempts=attempts), action, occasion).status in (
        Is.RETRYING,
        Is.FAILED,
    )


def test_delivery_error_is_cut_to_the_column():
    moved = fire(delivery(Is.SENDING), On.GIVE_UP, Occasion(NOW, error="x" * 5000, permanent=True))

    assert len(str(moved.effect.columns["last_error"])) == delivery_life.ERROR_MAX


def test_delivery_bulk_change_is_the_same_from_every_source():
    dropped = change(On.DROP, Occasion(NOW))

    assert dropped == fire(delivery(Is.RETRYING), On.DROP, Occasion(NOW))
    assert delivery_life.TABLE.origins(On.DROP) == (Is.QUEUED, Is.RETRYING, Is.CLAIMED)


def test_delivery_rows_in_words_name_every_guard_and_effect():
    rows = delivery_life.TABLE.rows()

    assert len(rows) == len(delivery_life.TABLE.transitions)
    assert [row for row in rows if not all(row)] == []


def scheduled(status: ScheduledStatus, key: str = "r/reminder/1") -> Scheduled:
    return Scheduled("reminder", key, NOW, status.value)


PLANNED_AGAIN = Planned("reminder", NOW + timedelta(hours=1), "r/reminder/2")
REPLANNED = Scheduled("reminder", "r/reminder/2", PLANNED_AGAIN.due_at, "pending")
Sc, Do = ScheduledStatus, ScheduledAction
SCHEDULED_ROWS = [
    (Sc.PENDING, Do.RELEASE, None, scheduled(Sc.QUEUED)),
    (Sc.PENDING, Do.DROP, None, scheduled(Sc.DROPPED)),
    (Sc.PENDING, Do.REPLAN, PLANNED_AGAIN, REPLANNED),
    (Sc.QUEUED, Do.REPLAN, PLANNED_AGAIN, REPLANNED),
    (Sc.DROPPED, Do.REPLAN, PLANNED_AGAIN, REPLANNED),
]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "action", "planned", "after"),
    SCHEDULED_ROWS,
    ids=[f"{row[0]}-{row[1]}" for row in SCHEDULED_ROWS],
)
def test_scheduled_row_moves_and_writes_its_effect(source, action, planned, after):
    assert move(scheduled(source), action, planned) == after


def test_scheduled_rows_tested_are_the_table():
    tested = [(source, action) for source, action, *_ in SCHEDULED_ROWS]

    assert tested == list(scheduled_life.TABLE.by_move)


@pytest.mark.parametrize(
    ("source", "action", "planned"),
    [
        (Sc.QUEUED, Do.RELEASE, None),
        (Sc.DROPPED, Do.RELEASE, None),
        (Sc.QUEUED, Do.DROP, None),
        (Sc.QUEUED, Do.REPLAN, Planned("reminder", NOW, "r/reminder/1")),
        (Sc.PENDING, Do.REPLAN, Planned("reminder", NOW, "r/reminder/1")),
        (Sc.DROPPED, Do.REPLAN, None),
    ],
    ids=["queued-release", "dropped-release", "queued-drop", "queued-same-key",
         "pending-same-plan", "dropped-no-plan"],
)  # fmt: skip
def test_scheduled_move_not_allowed_is_refused(source, action, planned):
    with pytest.raises(IllegalTransition):
        move(scheduled(source), action, planned)
