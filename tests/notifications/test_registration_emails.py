"""Each registration fact a person must hear about becomes exactly one email, read back from
the real SMTP sink of a real stack."""

import asyncio
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import nats
import pytest

from devstack.demo import move_to_next_occurrence
from devstack.stack import Stack
from shared.ical import invite_uid
from tests.support.mail import calendar_part, invite, recipients, wait_for_mails
from tests.support.people import Person, people
from tests.support.system import (
    conference,
    organizer_headers,
    publish,
    running_stack,
    wait_until_registrable,
)

pytestmark = pytest.mark.e2e

NO_RATE_LIMIT = {"RATE_LIMIT_PER_MINUTE": "0"}
DOMAIN = "convegni.localhost"
MANAGE_LINE = {"it": "Per gestire o annullare la tua iscrizione: ", "en": "To manage or cancel "}


def later_conference(**changes: Any) -> dict[str, Any]:
    """A demo conference more than three days off, so a freed seat is offered (an event
    nearer than two days promotes the next person at once)."""
    return move_to_next_occurrence(conference(**changes), date.today() + timedelta(days=3))


def register(stack: Stack, slug: str, person: Person, language: str = "it") -> httpx.Response:
    return httpx.post(
        f"{stack.url('registrations')}/api/events/{slug}/registrations",
        json={**person.json(), "language": language},
        timeout=30,
    )


def mails_to(messages: list[EmailMessage], person: Person) -> list[EmailMessage]:
    return [m for m in messages if m["To"].addresses[0].addr_spec == person.email]


def text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def content_types(message: EmailMessage) -> list[str]:
    return [part.get_content_type() for part in message.walk()]


def vevent(message: EmailMessage):
    [found] = invite(message).walk("VEVENT")
    return found


def link_after(message: EmailMessage, prefix: str) -> str:
    [line] = [line for line in text(message).splitlines() if line.startswith(prefix)]
    return line.rsplit(" ", 1)[1]


def test_capacity_one_cancel_mails_a_cancel_then_offers_the_seat_to_the_next(tmp_path):
    with running_stack(tmp_path, env=NO_RATE_LIMIT) as stack:
        event = publish(stack, later_conference(capacity=1))
        wait_until_registrable(stack, event["slug"])
        first, second = people(2, tag="seat")

        answers = [register(stack, event["slug"], first), register(stack, event["slug"], second)]
        messages = wait_for_mails(stack.maildir, 2)

        assert [(a.status_code, a.json()["status"]) for a in answers] == [
            (201, "confirmed"),
            (201, "waitlisted"),
        ]
        [confirmation], [waitlisted] = mails_to(messages, first), mails_to(messages, second)
        assert calendar_part(confirmation).get_param("method") == "REQUEST"
        assert str(vevent(confirmation)["UID"]) == invite_uid(event["id"], first.email, DOMAIN)
        assert "text/calendar" not in content_types(waitlisted)
        assert "sei in lista d'attesa, al posto n. 1." in text(waitlisted)
        assert link_after(waitlisted, MANAGE_LINE["it"]).startswith(stack.url("registrations"))

        manage_url = link_after(confirmation, MANAGE_LINE["it"])
        token = manage_url.rsplit("/", 1)[1]
        cancelled = httpx.post(f"{manage_url}/cancel", data={"token": token}, timeout=30)
        messages = wait_for_mails(stack.maildir, 4)

        assert cancelled.status_code == 200, cancelled.text
        [_, withdrawal] = mails_to(messages, first)
        [_, offer] = mails_to(messages, second)
        assert calendar_part(withdrawal).get_param("method") == "CANCEL"
        assert str(invite(withdrawal)["METHOD"]) == "CANCEL"
        assert str(vevent(withdrawal)["UID"]) == str(vevent(confirmation)["UID"])
        assert int(vevent(withdrawal)["SEQUENCE"]) > int(vevent(confirmation)["SEQUENCE"])
        assert str(vevent(withdrawal)["STATUS"]) == "CANCELLED"
        assert "text/calendar" not in content_types(offer)
        accept_url = [line for line in text(offer).splitlines() if "/accept/" in line]
        assert [url.startswith(stack.url("registrations")) for url in accept_url] == [True]


def test_cancelled_event_withdraws_the_invite_and_tells_the_waitlist(tmp_path):
    with running_stack(tmp_path, env=NO_RATE_LIMIT) as stack:
        event = publish(stack, later_conference(capacity=1))
        wait_until_registrable(stack, event["slug"])
        first, second = people(2, tag="called-off")
        register(stack, event["slug"], first)
        register(stack, event["slug"], second, language="en")
        [confirmation] = mails_to(wait_for_mails(stack.maildir, 2), first)

        called_off = httpx.post(
            f"{stack.url('events')}/api/organizer/events/{event['id']}/cancel",
            json={"reason": "maltempo"},
            headers=organizer_headers(stack),
        )
        messages = wait_for_mails(stack.maildir, 4)

        assert called_off.status_code == 200, called_off.text
        [_, withdrawal] = mails_to(messages, first)
        [waitlisted, told] = mails_to(messages, second)
        assert withdrawal["Subject"].startswith("Evento annullato: ")
        assert calendar_part(withdrawal).get_param("method") == "CANCEL"
        assert str(vevent(withdrawal)["UID"]) == str(vevent(confirmation)["UID"])
        assert int(vevent(withdrawal)["SEQUENCE"]) > int(vevent(confirmation)["SEQUENCE"])
        assert str(vevent(withdrawal)["STATUS"]) == "CANCELLED"
        assert waitlisted["Subject"].startswith("You are on the waiting list: ")
        assert "you are on the waiting list, in position 1." in text(waitlisted)
        assert told["Subject"].startswith("Event cancelled: ")
        assert "text/calendar" not in content_types(told)


def test_same_address_registered_twice_gets_the_confirmation_again(tmp_path):
    with running_stack(tmp_path, env=NO_RATE_LIMIT) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        person, sentinel = people(2, tag="twice")

        answers = [register(stack, event["slug"], person) for _ in range(2)]
        wait_for_mails(stack.maildir, 2)
        register(stack, event["slug"], sentinel)  # once it arrives, nothing else is on its way
        messages = wait_for_mails(stack.maildir, 3)

        assert [a.status_code for a in answers] == [201, 200]
        assert answers[1].json()["already_registered"] is True
        first, again = mails_to(messages, person)
        assert first["Message-ID"] != again["Message-ID"]
        assert [m["Subject"] for m in (first, again)] == [first["Subject"]] * 2
        assert "come richiesto, ecco di nuovo la nostra email:" in text(again).splitlines()
        assert calendar_part(again).get_param("method") == "REQUEST"
        assert str(vevent(again)["UID"]) == str(vevent(first)["UID"])
        assert recipients(messages) == sorted([person.email, person.email, sentinel.email])


def test_notifications_restarted_and_facts_redelivered_sends_no_duplicate(tmp_path):
    with running_stack(tmp_path, env=NO_RATE_LIMIT) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        first, second, sentinel = people(3, tag="again")
        for person in (first, second):
            register(stack, event["slug"], person)
        before = wait_for_mails(stack.maildir, 2)

        notifications = stack.services["notifications"]
        notifications.stop()
        forget_what_notifications_read(stack)  # its next start reads every fact once more
        notifications.start().wait_healthy()
        register(stack, event["slug"], sentinel)
        after = wait_for_mails(stack.maildir, 3)

        assert recipients(before) == sorted([first.email, second.email])
        assert recipients(after) == sorted([first.email, second.email, sentinel.email])
        assert len({m["Message-ID"] for m in after}) == 3


def forget_what_notifications_read(stack: Stack) -> None:
    """Delete the notifications' durable consumers: JetStream then delivers every stored
    message again, as after a lost ack, and only the inbox and the delivery keys stand
    between a redelivery and a second email."""

    async def delete() -> None:
        client = await nats.connect(stack.nats_url)
        try:
            js = client.jetstream()
            await js.delete_consumer("REGISTRATIONS", "notifications-registrations")
            await js.delete_consumer("EVENTS", "notifications-events")
        finally:
            await client.close()

    asyncio.run(delete())
