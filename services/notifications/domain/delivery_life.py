"""A delivery's life, from the key that makes it one logical email to its retries.

Its identity: the delivery key (registration, kind, number) and a stable Message-ID.
Its statuses: queued -> claimed -> sending -> sent, or retrying -> failed; dropped when it is
no longer owed. "claimed" is held by one sender for a batch's lease and was never handed to
SMTP: taken over by another sender when that lease runs out, it is sent once. "sending" is
committed just before DATA, for a short lease: found there once that lease ran out, it was
maybe delivered (its sender died between DATA and the mark), and is sent again with the same
Message-ID, counted in `resends`.
Every status change of a delivery goes through TABLE (shared/lifecycle.py): a use case asks
`fire` (one row it has read) or `change` (a conditional UPDATE whose WHERE holds
`TABLE.origins`).
Its retry policy: `next_attempt` on the configured schedule, `after_failure` choosing."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from shared.contracts import Fact
from shared.lifecycle import Table, Transition, seen


def round_id(registration_id: str, renewal: int) -> str:
    """The registration as it is now: a second registration after cancelling is another
    round, so its emails are not taken for repeats of the first round's."""
    return registration_id + (f"~{renewal}" if renewal else "")


def renewal_of(key: str) -> int:
    """The round a delivery key belongs to (`round_id` read back): 0 for the first."""
    return int(key.split("/", 1)[0].partition("~")[2] or 0)


def delivery_key(registration_id: str, kind: str, number: int | str | None = None) -> str:
    """One logical email: (registration, kind, and the revision, offer, request or change
    number where the fact has one); recomputing gives the same key."""
    return f"{registration_id}/{kind}" + (f"/{number}" if number is not None else "")


def message_id(key: str, domain: str) -> str:
    """A stable Message-ID, so a resent copy is recognisably the same email."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


ERROR_MAX = 1000  # the last_error column's length


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    CLAIMED = "claimed"
    SENDING = "sending"
    SENT = "sent"
    RETRYING = "retrying"
    FAILED = "failed"
    DROPPED = "dropped"


class DeliveryAction(StrEnum):
    CLAIM = "claim"
    TAKE_OVER = "take over"
    RESEND = "resend"
    HAND_BACK = "hand back"
    BEGIN = "begin DATA"
    ACCEPTED = "accepted"
    FAIL_FOR_NOW = "temporary failure"
    GIVE_UP = "give up"
    RETRY_NOW = "retry now"
    DROP = "drop"


@dataclass(frozen=True)
class DeliveryState:
    """What the guards look at: a delivery's status, attempts and times."""

    status: str
    attempts: int
    next_attempt_at: datetime
    lease_until: datetime | None


@dataclass(frozen=True)
class Occasion:
    """What an action brings: its time, the new lease, the lease the sender holds (the lease
    end it wrote when it claimed: its token), the retry time or the error."""

    now: datetime
    lease_until: datetime | None = None
    held: datetime | None = None
    retry_at: datetime | None = None
    error: str | None = None
    permanent: bool = False


@dataclass(frozen=True)
class Effect:
    """The columns a transition sets, how many attempts it adds (a claim counts one, a
    hand-back gives it back) and how many resends: an UPDATE adds them to the stored counts."""

    columns: dict[str, object]
    counted: int = 0
    resent: int = 0


@dataclass(frozen=True)
class Change:
    """A transition about to be written: the new status and its effect."""

    status: DeliveryStatus
    effect: Effect

    def values(self) -> dict[str, object]:
        """The columns to write, the status among them."""
        return {"status": self.status.value, **self.effect.columns}


Doing = Callable[[Occasion], Effect]


def due(state: DeliveryState, occasion: Occasion) -> bool:
    """its next attempt time has come"""
    return state.next_attempt_at <= occasion.now


def lease_ran_out(state: DeliveryState, occasion: Occasion) -> bool:
    """the claim of the sender holding it ran out (that sender died or stalled) before DATA"""
    return state.lease_until is not None and state.lease_until < occasion.now


def send_lease_ran_out(state: DeliveryState, occasion: Occasion) -> bool:
    """its send's short lease ran out with no mark: maybe delivered (its sender died
    between DATA and the mark)"""
    return state.lease_until is not None and state.lease_until < occasion.now


def claim_held(state: DeliveryState, occasion: Occasion) -> bool:
    """its claim is still this sender's: the lease end it wrote is still there"""
    return state.lease_until is not None and state.lease_until == occasion.held


handing_back = seen("its sender is past half its lease, or stopping: another may take it")
accepted = seen("the SMTP server accepted it (a later claim loses: it was delivered)")
asked = seen("an operator asked")
not_owed = seen("no longer owed: its person or its event cancelled")


def retries_left(state: DeliveryState, occasion: Occasion) -> bool:
    """the failure is temporary and the retry schedule has another attempt"""
    return not occasion.permanent and occasion.retry_at is not None


def retries_spent(state: DeliveryState, occasion: Occasion) -> bool:
    """the failure is permanent (5xx, cannot be composed) or the retry schedule is spent"""
    return not retries_left(state, occasion)


def lease(occasion: Occasion) -> Effect:
    """one more attempt counted; leased to the sender until its lease ends"""
    return Effect({"lease_until": occasion.lease_until}, counted=1)


def lease_again(occasion: Occasion) -> Effect:
    """one more attempt and one resend counted; claimed until its lease ends; the same
    Message-ID"""
    return Effect({"lease_until": occasion.lease_until}, counted=1, resent=1)


def begin(occasion: Occasion) -> Effect:
    """attempted_at set; held for the send's short lease (2 x SMTP_TIMEOUT_SECONDS)"""
    return Effect({"attempted_at": occasion.now, "lease_until": occasion.lease_until})


def hand_back(occasion: Occasion) -> Effect:
    """lease ends now, so it is due again at once; the attempt is not counted"""
    return Effect({"lease_until": occasion.now}, counted=-1)


def record_sent(occasion: Occasion) -> Effect:
    """sent_at set; lease and last error cleared"""
    return Effect({"sent_at": occasion.now, "lease_until": None, "last_error": None})


def retry_later(occasion: Occasion) -> Effect:
    """next attempt at the schedule's next time; lease cleared; the error kept"""
    error = (occasion.error or "")[:ERROR_MAX]
    return Effect({"next_attempt_at": occasion.retry_at, "lease_until": None, "last_error": error})


def record_failure(occasion: Occasion) -> Effect:
    """lease cleared; the error kept for operators"""
    error = (occasion.error or "")[:ERROR_MAX]
    return Effect({"next_attempt_at": occasion.now, "lease_until": None, "last_error": error})


def due_now(occasion: Occasion) -> Effect:
    """due now, lease cleared; attempts and last error stay until the next attempt"""
    return Effect({"next_attempt_at": occasion.now, "lease_until": None})


def note_dropped(occasion: Occasion) -> Effect:
    """last error says it is no longer owed"""
    return Effect({"last_error": "no longer owed"})


_S, _A, _T = DeliveryStatus, DeliveryAction, Transition
TABLE: Table[DeliveryStatus, DeliveryAction, DeliveryState, Occasion, Doing, Fact] = Table(
    "A delivery's life",
    [
        _T((_S.QUEUED, _S.RETRYING), _A.CLAIM, _S.CLAIMED, due, lease),
        _T((_S.CLAIMED,), _A.TAKE_OVER, _S.CLAIMED, lease_ran_out, lease),
        _T((_S.SENDING,), _A.RESEND, _S.CLAIMED, send_lease_ran_out, lease_again),
        _T((_S.CLAIMED,), _A.HAND_BACK, _S.CLAIMED, handing_back, hand_back),
        _T((_S.CLAIMED,), _A.BEGIN, _S.SENDING, claim_held, begin),
        _T((_S.CLAIMED, _S.SENDING, _S.RETRYING), _A.ACCEPTED, _S.SENT, accepted, record_sent),
        _T((_S.CLAIMED, _S.SENDING), _A.FAIL_FOR_NOW, _S.RETRYING, retries_left, retry_later),
        _T((_S.CLAIMED, _S.SENDING), _A.GIVE_UP, _S.FAILED, retries_spent, record_failure),
        _T((_S.FAILED, _S.RETRYING), _A.RETRY_NOW, _S.QUEUED, asked, due_now),
        _T((_S.QUEUED, _S.RETRYING, _S.CLAIMED), _A.DROP, _S.DROPPED, not_owed, note_dropped),
    ],
    subject="The delivery",
    refusal="{subject} is {status}: only {origins}",
)
STATUSES = tuple(status.value for status in DeliveryStatus)


def fire(
    state: DeliveryState,
    action: DeliveryAction,
    occasion: Occasion,
    *,
    subject: str | None = None,
) -> Change:
    """The change `action` makes to a delivery read as `state`; IllegalTransition when the
    table holds no such move or its guard does not hold."""
    step = TABLE.step(state, action, occasion, subject=subject)
    return Change(step.to, step.effect(occasion))


def change(action: DeliveryAction, occasion: Occasion) -> Change:
    """The change `action` makes from any of its origins, for a conditional UPDATE whose
    WHERE holds them (the guard being the caller's, or said in SQL)."""
    moves = {(t.to, t.effect) for t in TABLE.transitions if t.action == action}
    if len(moves) != 1:
        raise ValueError(f"{action} does not make one change whatever the source")
    ((target, effect),) = moves
    return Change(target, effect(occasion))


def next_attempt(attempts: int, now: datetime, schedule: tuple[float, ...]) -> datetime | None:
    """When to try again after `attempts` failures, or None when the schedule is spent."""
    if attempts > len(schedule):
        return None
    return now + timedelta(seconds=schedule[attempts - 1])


def after_failure(
    attempts: int, *, permanent: bool, error: str, now: datetime, schedule: tuple[float, ...]
) -> tuple[DeliveryAction, Occasion]:
    """What a failed attempt leads to: tried again later, or given up."""
    retry_at = None if permanent else next_attempt(attempts, now, schedule)
    occasion = Occasion(now=now, retry_at=retry_at, error=error, permanent=permanent)
    return (DeliveryAction.FAIL_FOR_NOW if retry_at else DeliveryAction.GIVE_UP), occasion
