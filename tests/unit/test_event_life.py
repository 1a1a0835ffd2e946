"""An event's publication life: each row of its table moves the event and emits its fact,
and a move the table does not hold is refused with a 409 saying why."""

from datetime import UTC, datetime, timedelta

import pytest

from services.events.domain import event_life
from services.events.domain.event_life import EventAction, EventState, EventStatus
from shared.contracts import (
    ChangeV1,
    EventCancelledV1,
    EventPublishedV1,
    EventUpdatedV1,
)
from shared.errors import Conflict
from shared.lifecycle import IllegalTransition

pytestmark = pytest.mark.unit

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ENDED = NOW - timedelta(hours=1)
COMING = NOW + timedelta(days=30)

NOT_A_DRAFT = ", not a draft: it cannot be published again"
ONLY_ENDED = "Only a published event that has ended can be marked completed"

Is, On = EventStatus, EventAction


def step(event, action, *, now=None):
    return event_life.TABLE.step(event, action, now)


ROWS = [
    (Is.DRAFT, On.EDIT, COMING, Is.DRAFT, None),
    (Is.DRAFT, On.PUBLISH, COMING, Is.PUBLISHED, EventPublishedV1),
    (Is.PUBLISHED, On.EDIT, COMING, Is.PUBLISHED, EventUpdatedV1),
    (Is.PUBLISHED, On.CANCEL, COMING, Is.CANCELLED, EventCancelledV1),
    (Is.PUBLISHED, On.COMPLETE, ENDED, Is.COMPLETED, EventUpdatedV1),
    (Is.DRAFT, On.ATTACH, COMING, Is.DRAFT, None),
    (Is.PUBLISHED, On.ATTACH, ENDED, Is.PUBLISHED, EventUpdatedV1),
    (Is.COMPLETED, On.ATTACH, ENDED, Is.COMPLETED, EventUpdatedV1),
]


@pytest.mark.parametrize(
    ("source", "action", "ends_at", "target", "emits"),
    ROWS,
    ids=[f"{row[0]}-{row[1]}" for row in ROWS],
)
def test_event_row_moves_and_names_its_fact(source, action, ends_at, target, emits):
    moved = step(EventState(source, ends_at), action, now=NOW)

    assert (moved.to, moved.values(), moved.fact) == (target, {"status": target}, emits)


def test_event_rows_tested_are_the_table():
    assert [(source, action) for source, action, *_ in ROWS] == list(event_life.TABLE.by_move)


def test_event_move_emits_the_fact_about_the_new_snapshot(make_snapshot):
    cancel = step(EventState(Is.PUBLISHED, COMING), On.CANCEL)
    snapshot = make_snapshot(status="cancelled")

    fact = cancel.emit(event=snapshot, reason="maltempo")

    assert fact == EventCancelledV1(event=snapshot, reason="maltempo")


def test_event_completion_emits_an_update(make_snapshot):
    complete = step(EventState(Is.PUBLISHED, ENDED), On.COMPLETE, now=NOW)
    change = ChangeV1(code="completed", it="evento concluso", en="event completed")

    fact = complete.emit(event=make_snapshot(), changes=(change,), calendar_relevant=False)

    assert isinstance(fact, EventUpdatedV1)
    assert fact.changes == (change,)


def test_event_draft_edit_emits_nothing(make_snapshot):
    edit = step(EventState(Is.DRAFT, COMING), On.EDIT)

    with pytest.raises(ValueError):
        edit.emit(event=make_snapshot())


@pytest.mark.parametrize(
    ("source", "action", "message"),
    [
        (Is.CANCELLED, On.PUBLISH, f"The event is cancelled{NOT_A_DRAFT}"),
        (Is.PUBLISHED, On.PUBLISH, f"The event is published{NOT_A_DRAFT}"),
        (Is.COMPLETED, On.PUBLISH, f"The event is completed{NOT_A_DRAFT}"),
        (Is.DRAFT, On.CANCEL, "Only a published event can be cancelled; this one is draft"),
        (Is.CANCELLED, On.CANCEL, "Only a published event can be cancelled; this one is cancelled"),
        (Is.CANCELLED, On.EDIT, "The event is cancelled: it can no longer be changed"),
        (Is.COMPLETED, On.EDIT, "The event is completed: it can no longer be changed"),
        (Is.DRAFT, On.COMPLETE, ONLY_ENDED),
        (Is.CANCELLED, On.COMPLETE, ONLY_ENDED),
    ],
)  # fmt: skip
def test_event_move_not_in_the_table_is_refused(source, action, message):
    with pytest.raises(IllegalTransition) as refused:
        step(EventState(source, ENDED), action, now=NOW)

    assert isinstance(refused.value, Conflict)
    assert (refused.value.status, refused.value.message) == (409, message)


def test_event_not_ended_cannot_be_completed():
    with pytest.raises(IllegalTransition):
        step(EventState(Is.PUBLISHED, COMING), On.COMPLETE, now=NOW)


def test_event_completion_without_a_time_is_refused():
    with pytest.raises(IllegalTransition):
        step(EventState(Is.PUBLISHED, ENDED), On.COMPLETE)


def test_event_rows_in_words_name_every_guard_and_fact():
    rows = event_life.TABLE.rows()

    assert rows[1] == ("draft", "publish", "published", "none", "EventPublishedV1 (revision 1)")
    assert [row for row in rows if not all(row)] == []


def test_event_public_statuses_are_those_after_publishing():
    assert set(event_life.PUBLIC) == {t.to for t in event_life.TABLE.transitions} - {Is.DRAFT}
