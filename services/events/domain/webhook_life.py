"""A webhook delivery's life: owed (pending) until its endpoint answers 2xx (delivered), or
until its retries are spent or the endpoint answered 410 Gone (failed, and the endpoint is
turned off, its owners told). Every status change of a delivery goes through TABLE
(shared/lifecycle.py); a use case writes `Step.values()` in a conditional UPDATE whose WHERE
keeps the status it read.

A sender claims a pending delivery by a lease (`lease_until`), not a status: a sender killed
in the middle of a delivery leaves it pending, and once the lease runs out it is sent again
with the same webhook-id, which receivers deduplicate by. The retry policy is
`retry_delay`: the configured schedule, each delay varied by up to JITTER either way."""

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from shared.contracts import WebhookDisabledV1
from shared.lifecycle import Step, Table, Transition, seen

JITTER = 0.1  # a delay varies by up to a tenth either way
ERROR_MAX = 1000  # the last_error column's length


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class DeliveryAction(StrEnum):
    STAGE = "stage"
    SUCCEED = "succeed"
    FAIL_FOR_NOW = "fail for now"
    GIVE_UP = "give up"
    REDELIVER = "redeliver"


@dataclass(frozen=True)
class DeliveryState:
    """A delivery as the table reads it: its status."""

    status: str


@dataclass(frozen=True)
class Answer:
    """What one attempt got: the HTTP status (None: no answer, `error` says why)."""

    status_code: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def gone(self) -> bool:
        """410 Gone: the receiver wants no more (Standard Webhooks: disable the endpoint)."""
        return self.status_code == 410

    def said(self) -> str:
        """The attempt's outcome in a line, for the delivery log."""
        if self.status_code is None:
            return self.error[:ERROR_MAX]
        return f"HTTP {self.status_code}"


@dataclass(frozen=True)
class Attempted:
    """What the guards look at after an attempt: its answer, the attempts made so far and
    the retry schedule."""

    answer: Answer
    attempts: int
    schedule: tuple[float, ...]


def retries_left(attempts: int, schedule: tuple[float, ...]) -> bool:
    """Whether a delivery that failed its `attempts`-th attempt gets another."""
    return attempts <= len(schedule)


def retry_delay(attempts: int, schedule: tuple[float, ...], spread: float) -> timedelta:
    """The wait before the next attempt after `attempts` failed ones; `spread` in [-1, 1]
    (random in the caller) varies it by up to JITTER."""
    base = schedule[min(attempts, len(schedule)) - 1]
    return timedelta(seconds=max(base * (1 + JITTER * spread), 0.0))


def answered_2xx(record: DeliveryState | None, attempted: Attempted | None) -> bool:
    """the endpoint answered 2xx"""
    return attempted is not None and attempted.answer.ok


def may_retry(record: DeliveryState | None, attempted: Attempted | None) -> bool:
    """no 2xx, not 410 Gone, and the schedule has another retry"""
    if attempted is None:
        return False
    answer = attempted.answer
    left = retries_left(attempted.attempts, attempted.schedule)
    return not answer.ok and not answer.gone and left


def spent(record: DeliveryState | None, attempted: Attempted | None) -> bool:
    """no 2xx, and 410 Gone or the schedule's last retry failed"""
    return attempted is not None and not attempted.answer.ok and not may_retry(record, attempted)


heard = seen("a fact of a kind the endpoint takes, heard after it was added")
asked = seen("an owner asked, in the console")

DeliveryStep = Step[DeliveryStatus, DeliveryAction, str, WebhookDisabledV1]

_S, _A, _T = DeliveryStatus, DeliveryAction, Transition
TABLE: Table[
    DeliveryStatus, DeliveryAction, DeliveryState | None, Attempted | None, str, WebhookDisabledV1
] = Table(
    "A webhook delivery's life",
    [
        _T((None,), _A.STAGE, _S.PENDING, heard, "due now; webhook-id from the bus message"),
        _T((_S.PENDING,), _A.SUCCEED, _S.DELIVERED, answered_2xx, "endpoint's failures reset"),
        _T((_S.PENDING,), _A.FAIL_FOR_NOW, _S.PENDING, may_retry, "due after the next delay"),
        _T((_S.PENDING,), _A.GIVE_UP, _S.FAILED, spent, "endpoint off", WebhookDisabledV1),
        _T(
            (_S.PENDING, _S.DELIVERED, _S.FAILED),
            _A.REDELIVER,
            _S.PENDING,
            asked,
            "due now, the schedule from the start; the same webhook-id",
        ),
    ],
    subject="The delivery",
    refusal="The delivery is {status}: it cannot {action}",
)


def after_attempt(attempted: Attempted) -> DeliveryStep:
    """The move an attempt's answer makes from pending: the guards choose."""
    actions = (_A.SUCCEED, _A.FAIL_FOR_NOW, _A.GIVE_UP)
    step = TABLE.pick(DeliveryState(DeliveryStatus.PENDING.value), actions, attempted)
    assert step is not None  # the three guards cover every answer
    return step


def staged() -> str:
    """The status a delivery is made with."""
    return TABLE.start(TABLE.step(None, _A.STAGE, None))
