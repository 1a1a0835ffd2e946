"""Processes killed with SIGKILL in the middle of a rush of 300 people for 40 seats, then
restarted, nats-server down for 30 s, the SMTP server down: the room is never overbooked,
every registration that got a success exists once, has its fact in the stream once and is
mailed once (a copy sent again only by a killed sender, for a send it had in flight). The
tests share one stack per backend (`fault_stack`), each with its own event and people."""

import time

import pytest

from devstack.mailsink.store import message_keys
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.faults.accounting import (
    assert_answers_match_rows,
    assert_facts_match_rows,
    assert_mailed_once_each,
    registration_rows,
    sends_in_flight,
)
from tests.faults.rush import PEOPLE, SEATS, rush_with_breakage
from tests.support.system import conference, publish, wait_until_registrable

pytestmark = [pytest.mark.faults, pytest.mark.e2e]

NATS_DOWN_SECONDS = 30.0


def kill_and_restart(stack: Stack, name: str) -> None:
    if name == "notifications":  # while it sends: a send in flight is what a crash may repeat
        sent_before = len(message_keys(stack.maildir))
        wait_until(
            lambda: len(message_keys(stack.maildir)) >= sent_before + SEATS // 4,
            timeout=60,
            what="emails leaving",
        )
    process = stack.services[name]
    process.kill()
    process.start().wait_healthy()


@pytest.mark.parametrize("victim", ["events", "registrations", "notifications"])
def test_service_killed_mid_rush_overbooks_loses_and_doubles_nothing(fault_stack, victim):
    stack = fault_stack
    event = publish(stack, conference(capacity=SEATS))
    wait_until_registrable(stack, event["slug"])

    outcome = rush_with_breakage(
        stack, event["slug"], breakage=lambda: kill_and_restart(stack, victim), tag=victim
    )

    rows = registration_rows(stack, event["id"])
    assert_answers_match_rows(outcome, rows)
    assert_facts_match_rows(stack, event["id"], rows)
    resent = sends_in_flight(stack) if victim == "notifications" else 0
    assert_mailed_once_each(stack, event["id"], rows, duplicates_allowed=resent)


def test_nats_down_30_s_mid_rush_overbooks_loses_and_doubles_nothing(fault_stack):
    stack = fault_stack
    event = publish(stack, conference(capacity=SEATS))
    wait_until_registrable(stack, event["slug"])
    assert stack.nats is not None
    nats = stack.nats
    outage: list[float] = []

    def down_for_a_while() -> None:
        nats.kill()
        outage.append(time.monotonic())
        # The length of the outage is the fault itself, not a wait for a state.
        time.sleep(NATS_DOWN_SECONDS)
        outage.append(time.monotonic())
        nats.start()

    # A tenth of the people arrive before the outage, most during it, the last after it.
    outcome = rush_with_breakage(
        stack,
        event["slug"],
        breakage=down_for_a_while,
        break_after=PEOPLE // 10,
        spread_seconds=NATS_DOWN_SECONDS + 8,
        tag="nats",
    )

    registered_meanwhile = outcome.successes_between(*outage)
    print(f"registered while nats-server was down: {registered_meanwhile}")
    assert registered_meanwhile > PEOPLE // 2
    rows = registration_rows(stack, event["id"])
    assert_answers_match_rows(outcome, rows)
    assert_facts_match_rows(stack, event["id"], rows)
    assert_mailed_once_each(stack, event["id"], rows)


def test_smtp_down_for_the_whole_rush_then_back_mails_everyone_once(fault_stack):
    stack = fault_stack
    event = publish(stack, conference(capacity=SEATS))
    wait_until_registrable(stack, event["slug"])
    stack.sink.stop()

    outcome = rush_with_breakage(stack, event["slug"], tag="smtp")
    stack.sink.start().wait_healthy()

    rows = registration_rows(stack, event["id"])
    assert_answers_match_rows(outcome, rows)
    assert_facts_match_rows(stack, event["id"], rows)
    assert_mailed_once_each(stack, event["id"], rows)
