"""Processes killed with SIGKILL in the middle of a rush, then restarted: every registration
that got a success exists once, reaches notifications once, and is mailed once."""

import pytest

from devstack.stack import Stack
from tests.faults.rush import (
    QUICK_RECOVERY,
    assert_mailed_once_each,
    assert_registered_once_each,
    rush_with_breakage,
)
from tests.support.bus import PEOPLE_FACTS, stream_messages
from tests.support.databases import stored_registrations
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = [pytest.mark.faults, pytest.mark.e2e]

PEOPLE = 40


def kill_and_restart(stack: Stack, name: str) -> None:
    process = stack.services[name]
    process.kill()
    process.start().wait_healthy()


def registrations_db(stack: Stack) -> str:
    return stack.services["registrations"].env["DATABASE_URL"]


@pytest.mark.parametrize("victim", ["events", "registrations", "notifications"])
def test_service_killed_mid_rush_loses_and_doubles_nothing(tmp_path, victim):
    with running_stack(tmp_path, env=QUICK_RECOVERY) as stack:
        event = publish(stack, conference(capacity=500))
        wait_until_registrable(stack, event["slug"])

        outcome = rush_with_breakage(
            stack,
            event["slug"],
            PEOPLE,
            break_after=PEOPLE // 3,
            breakage=lambda: kill_and_restart(stack, victim),
        )

        emails = assert_registered_once_each(outcome, PEOPLE)
        stored = stored_registrations(registrations_db(stack), event["id"], "confirmed")
        assert stored == PEOPLE
        assert_mailed_once_each(stack, event["slug"], emails)
        assert stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS) == PEOPLE + 1


def test_nats_killed_mid_rush_loses_and_doubles_nothing(tmp_path):
    with running_stack(tmp_path, env=QUICK_RECOVERY) as stack:
        event = publish(stack, conference(capacity=500))
        wait_until_registrable(stack, event["slug"])
        assert stack.nats is not None

        def restart_nats() -> None:
            stack.nats.kill()
            stack.nats.start()

        outcome = rush_with_breakage(
            stack, event["slug"], PEOPLE, break_after=PEOPLE // 3, breakage=restart_nats
        )

        emails = assert_registered_once_each(outcome, PEOPLE)
        assert stored_registrations(registrations_db(stack), event["id"], "confirmed") == PEOPLE
        assert_mailed_once_each(stack, event["slug"], emails)
        assert stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS) == PEOPLE + 1


def test_smtp_down_for_the_whole_rush_then_back_mails_everyone_once(tmp_path):
    with running_stack(tmp_path, env=QUICK_RECOVERY) as stack:
        event = publish(stack, conference(capacity=500))
        wait_until_registrable(stack, event["slug"])
        stack.sink.stop()

        outcome = rush_with_breakage(
            stack, event["slug"], PEOPLE, break_after=PEOPLE, breakage=lambda: None
        )
        stack.sink.start().wait_healthy()

        emails = assert_registered_once_each(outcome, PEOPLE)
        assert_mailed_once_each(stack, event["slug"], emails)
