"""A registration's life: every move of the table is reachable and publishes its fact, and a
move the table does not have raises (tests/unit/test_status_writes.py: no status changes
anywhere else in the service)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.registrations.domain.guards import Given
from services.registrations.domain.link_stage import Stage, link_stage
from services.registrations.domain.registration_life import TABLE, Action, Status, settled
from shared.contracts import (
    RegistrationCancelledV1,
    RegistrationConfirmedV1,
    RegistrationOfferedV1,
    RegistrationPendingV1,
    RegistrationPromotedV1,
    RegistrationWaitlistedV1,
)
from shared.errors import Conflict
from shared.lifecycle import IllegalTransition

pytestmark = pytest.mark.unit

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
LATER, EARLIER = NOW + timedelta(hours=1), NOW - timedelta(hours=1)
S, A = Status, Action
LIVE = (S.PENDING, S.OFFERED, S.WAITLISTED, S.CONFIRMED)
ENTRY = (None, S.CANCELLED, S.EXPIRED, S.LAPSED)

EXPECTED = {
    **{(o, A.REGISTER): (S.CONFIRMED, RegistrationConfirmedV1) for o in ENTRY},
    **{(o, A.REGISTER_TO_CONFIRM): (S.PENDING, RegistrationPendingV1) for o in ENTRY},
    **{(o, A.JOIN_WAITLIST): (S.WAITLISTED, RegistrationWaitlistedV1) for o in ENTRY},
    (S.PENDING, A.CONFIRM_ADDRESS): (S.CONFIRMED, RegistrationConfirmedV1),
    (S.WAITLISTED, A.OFFER): (S.OFFERED, RegistrationOfferedV1),
    (S.WAITLISTED, A.PROMOTE): (S.CONFIRMED, RegistrationPromotedV1),
    (S.OFFERED, A.ACCEPT_OFFER): (S.CONFIRMED, RegistrationPromotedV1),
    (S.PENDING, A.CONFIRM_BY_HAND): (S.CONFIRMED, RegistrationConfirmedV1),
    (S.OFFERED, A.CONFIRM_BY_HAND): (S.CONFIRMED, RegistrationPromotedV1),
    (S.WAITLISTED, A.CONFIRM_BY_HAND): (S.CONFIRMED, RegistrationPromotedV1),
    (S.PENDING, A.EXPIRE): (S.EXPIRED, RegistrationCancelledV1),
    (S.OFFERED, A.LAPSE): (S.LAPSED, RegistrationCancelledV1),
    **{(o, A.CANCEL): (S.CANCELLED, RegistrationCancelledV1) for o in LIVE},
    **{(o, A.DECLINE): (S.CANCELLED, RegistrationCancelledV1) for o in LIVE},
    **{(o, A.CANCEL_EVENT): (S.CANCELLED, RegistrationCancelledV1) for o in LIVE},
}

# What makes each action's guard hold: (the registration's fields, what the use case knows)
MET: dict[Action, tuple[dict[str, Any], Given]] = {
    A.REGISTER: ({}, Given(now=NOW, seat_taken=True)),
    A.REGISTER_TO_CONFIRM: ({}, Given(now=NOW, seat_taken=True, double_opt_in=True)),
    A.JOIN_WAITLIST: ({}, Given(now=NOW, waitlist=True)),
    A.CONFIRM_ADDRESS: ({"confirm_by": LATER}, Given(now=NOW)),
    A.OFFER: ({}, Given(now=NOW, seat_taken=True)),
    A.PROMOTE: ({}, Given(now=NOW, seat_taken=True, near=True)),
    A.ACCEPT_OFFER: ({"offers": 2, "offer_expires_at": LATER}, Given(now=NOW, offer=2)),
    A.EXPIRE: ({"confirm_by": EARLIER}, Given(now=NOW)),
    A.LAPSE: ({"offer_expires_at": EARLIER}, Given(now=NOW)),
}


@dataclass
class Record:
    """A registration as the machine sees it, without a database."""

    status: str
    confirm_by: datetime | None = None
    offer_expires_at: datetime | None = None
    offers: int = 0


def met(origin: Status | None, action: Action) -> tuple[Record | None, Given]:
    """The registration (None: not registered yet) and what is known, the guard met."""
    fields, given = MET.get(action, ({}, Given(now=NOW)))
    return (None if origin is None else Record(status=origin.value, **fields)), given


def named(key: tuple[Status | None, Action]) -> str:
    return f"{key[0] or 'new'}-{key[1]}"


def test_table_holds_exactly_the_expected_moves_and_facts():
    table = {key: (rule.to, rule.fact) for key, rule in TABLE.by_move.items()}

    assert table == EXPECTED


@pytest.mark.parametrize("key", sorted(EXPECTED, key=named), ids=named)
def test_each_move_of_the_table_is_reachable_and_publishes_its_fact(key):
    origin, action = key
    before, given = met(origin, action)
    target = before or Record(status="confirmed")  # a new row carries the column's default

    step = TABLE.step(before, action, given)
    TABLE.move(target, step)

    assert (target.status, step.fact) == (EXPECTED[key][0].value, EXPECTED[key][1])


@pytest.mark.parametrize(
    ("origin", "action"),
    [
        (S.CANCELLED, A.CONFIRM_BY_HAND),
        (S.CANCELLED, A.CONFIRM_ADDRESS),
        (S.WAITLISTED, A.REGISTER_TO_CONFIRM),
        (S.CONFIRMED, A.REGISTER),
        (S.EXPIRED, A.CANCEL),
        (S.PENDING, A.ACCEPT_OFFER),
        (None, A.CANCEL),
    ],
    ids=lambda value: str(value or "new"),
)
def test_a_move_not_in_the_table_raises_a_conflict(origin, action):
    before, given = met(origin, action)

    with pytest.raises(IllegalTransition) as raised:
        TABLE.step(before, action, given)

    assert isinstance(raised.value, Conflict)
    assert raised.value.status == 409


def test_a_move_whose_guard_does_not_hold_raises():
    old_offer = Record(status="offered", offers=3, offer_expires_at=LATER)

    with pytest.raises(IllegalTransition):
        TABLE.step(old_offer, A.ACCEPT_OFFER, Given(now=NOW, offer=2))

    assert old_offer.status == "offered"


def test_a_move_made_for_another_status_is_refused():
    step = TABLE.step(Record(status="waitlisted"), A.OFFER, Given(now=NOW, seat_taken=True))
    meanwhile_cancelled = Record(status="cancelled")

    with pytest.raises(IllegalTransition):
        TABLE.move(meanwhile_cancelled, step)

    assert meanwhile_cancelled.status == "cancelled"


def test_the_guards_choose_between_a_seat_and_the_waitlist():
    full = Given(now=NOW, seat_taken=False, waitlist=True)
    no_waitlist = Given(now=NOW, seat_taken=False, waitlist=False)
    entries = (A.REGISTER, A.REGISTER_TO_CONFIRM, A.JOIN_WAITLIST)

    waiting = TABLE.pick(None, entries, full)

    assert waiting is not None and waiting.to is S.WAITLISTED
    assert TABLE.pick(None, entries, no_waitlist) is None


def test_a_conditional_update_sets_the_target_of_its_move():
    step = TABLE.step(Record(status="waitlisted"), A.PROMOTE, MET[A.PROMOTE][1])

    assert (step.origin, step.values()) == (S.WAITLISTED, {"status": "confirmed"})


def test_an_ended_registration_is_settled_for_every_ending():
    expired = Record(status="expired")

    assert [settled(expired, a) for a in (A.CANCEL, A.DECLINE)] == [True, True]
    assert settled(expired, A.CONFIRM_BY_HAND) is False


def test_a_confirm_link_stands_open_in_time_done_once_confirmed_lapsed_after():
    pending = Record(status="pending", confirm_by=LATER)
    overdue = Record(status="pending", confirm_by=EARLIER)
    confirmed = Record(status="confirmed")
    given = Given(now=NOW)

    stages = [link_stage(r, A.CONFIRM_ADDRESS, given) for r in (pending, overdue, confirmed)]

    assert stages == [Stage.OPEN, Stage.LAPSED, Stage.DONE]
    assert link_stage(pending, A.CONFIRM_ADDRESS, given, link_expired=True) is Stage.LAPSED


def test_an_accept_link_counts_only_its_own_offer():
    accepted = Record(status="confirmed", offers=2)
    newer_offer = Record(status="offered", offers=3, offer_expires_at=LATER)

    assert link_stage(accepted, A.ACCEPT_OFFER, Given(now=NOW, offer=2)) is Stage.DONE
    assert link_stage(accepted, A.ACCEPT_OFFER, Given(now=NOW, offer=1)) is Stage.LAPSED
    assert link_stage(newer_offer, A.ACCEPT_OFFER, Given(now=NOW, offer=2)) is Stage.LAPSED


def test_the_markdown_table_has_a_row_per_rule():
    lines = TABLE.markdown().splitlines()

    assert lines[0] == "| from | action | to | guard | fact |"
    assert len(lines) == 2 + len(TABLE.transitions)
    assert "| pending | expire | expired | past `confirm_by` |" in TABLE.markdown()
