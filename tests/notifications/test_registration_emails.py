"""Each registration fact a person must hear about becomes exactly one email, read back from
the real SMTP sink of a real stack."""

from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import pytest

from devstack.demo import move_to_next_occurrence
from devstack.mailsink.store import message_keys, read_messages, read_raw
from devstack.waiting import wait_until
from shared.ical import invite_uid
from tests.notifications.mailbox import (
    FAST,
    MANAGE_LINE,
    cancel_registration,
    forget_what_notifications_read,
    has_calendar,
    html,
    invite_facts,
    link_after,
    mails_to,
    register,
    soon_event,
    text,
    wait_for_mails_to,
)
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

DOMAIN = "convegni.localhost"


def later_conference(**changes: Any) -> dict[str, Any]:
    """A demo conference more than three days off, so a freed seat is offered (an event
    nearer than two days promotes the next person at once)."""
    return move_to_next_occurrence(conference(**changes), date.today() + timedelta(days=3))


def content_types(message: EmailMessage) -> list[str]:
    return [part.get_content_type() for part in message.walk()]


def vevent(message: EmailMessage):
    [found] = invite(message).walk("VEVENT")
    return found


def test_capacity_one_cancel_mails_a_cancel_then_offers_the_seat_to_the_next(tmp_path):
    with running_stack(tmp_path, env=FAST) as stack:
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
    with running_stack(tmp_path, env=FAST) as stack:
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
        # The organizers' reason reaches everyone, in the words they wrote it.
        assert "Il motivo indicato dall'organizzazione: maltempo" in text(withdrawal)
        assert "The reason the organizers gave: maltempo" in text(told)
        assert '<q lang="it">maltempo</q>' in html(told)


def test_same_address_registered_twice_gets_the_confirmation_again(tmp_path):
    with running_stack(tmp_path, env=FAST) as stack:
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
    with running_stack(tmp_path, env=FAST) as stack:
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


def test_double_opt_in_mails_confirm_your_address_then_the_confirmation_with_invite(stack):
    event = publish(stack, conference())
    wait_until_registrable(stack, event["slug"])
    form = f"{stack.url('registrations')}/api/organizer/events/{event['slug']}/form"
    headers = organizer_headers(stack)
    wait_until(
        lambda: httpx.get(form, headers=headers).status_code == 200,
        timeout=90,
        what="the organizer token known to registrations",
    )
    saved = httpx.put(form, json={"settings": {"double_opt_in": True}}, headers=headers)
    [person] = people(1, tag="opt-in")

    answer = register(stack, event["slug"], person, language="en")
    [pending] = wait_for_mails_to(stack, person, 1)
    [confirm_url] = [line for line in text(pending).splitlines() if "/confirm/" in line]
    registration = f"{stack.url('registrations')}/api/organizer/events/{event['slug']}"
    registration += f"/registrations/{answer.json()['id']}"
    opened = httpx.get(f"{confirm_url}?lang=en")  # what a mail scanner does too
    status_after_opening = httpx.get(registration, headers=headers).json()["status"]
    pressed = httpx.post(confirm_url, data={"token": confirm_url.rsplit("/", 1)[1]})
    [_, confirmation] = wait_for_mails_to(stack, person, 2)

    assert saved.status_code == 200, saved.text
    assert (answer.status_code, answer.json()["status"]) == (201, "pending")
    assert pending["Subject"] == f"Confirm your email address: {event['title']}"
    assert confirm_url.startswith(stack.url("registrations"))
    assert f'<a href="{confirm_url}"' in html(pending)
    assert has_calendar(pending) is False
    assert opened.status_code == 200
    assert "Confirm my registration" in opened.text
    assert status_after_opening == "pending"
    assert pressed.status_code == 200
    assert "Indirizzo confermato" in pressed.text
    assert confirmation["Subject"] == f"Registration confirmed: {event['title']}"
    assert invite_facts(confirmation) == (
        "REQUEST",
        invite_uid(event["id"], person.email, DOMAIN),
        event["calendar_sequence"],
        "CONFIRMED",
    )
    assert link_after(confirmation, MANAGE_LINE["en"]).startswith(stack.url("registrations"))


def test_accepted_offer_promotes_with_an_invite_and_replaying_every_fact_sends_nothing(
    tmp_path,
):
    with running_stack(tmp_path, env=FAST) as stack:
        event = publish(stack, later_conference(capacity=1))
        wait_until_registrable(stack, event["slug"])
        first, second, sentinel = people(3, tag="offer")
        register(stack, event["slug"], first)
        register(stack, event["slug"], second, language="en")
        [confirmation] = wait_for_mails_to(stack, first, 1)
        cancel_registration(link_after(confirmation, MANAGE_LINE["it"]))
        [_, offer] = wait_for_mails_to(stack, second, 2)
        [accept_url] = [line for line in text(offer).splitlines() if "/accept/" in line]
        accepted = httpx.post(accept_url, data={"token": accept_url.rsplit("/", 1)[1]})
        wait_for_mails_to(stack, second, 3)
        before = read_messages(stack.maildir)

        notifications = stack.services["notifications"]
        notifications.stop()
        forget_what_notifications_read(stack)  # its next start reads every fact once more
        notifications.start().wait_healthy()
        register(stack, event["slug"], sentinel)  # once it arrives, any replay went before it
        wait_for_mails_to(stack, sentinel, 1)
        after = read_messages(stack.maildir)

    assert accepted.status_code == 200, accepted.text
    [confirmed, cancelled] = mails_to(before, first)
    [waitlisted, offered, promoted] = mails_to(before, second)
    title = event["title"]
    assert [m["Subject"] for m in (cancelled, waitlisted, offered, promoted)] == [
        f"Iscrizione annullata: {title}",
        f"You are on the waiting list: {title}",
        f"A seat is held for you: {title}",
        f"A seat came free, registration confirmed: {title}",
    ]
    uid = invite_uid(event["id"], first.email, DOMAIN)
    assert invite_facts(confirmed) == ("REQUEST", uid, 0, "CONFIRMED")
    assert invite_facts(cancelled) == ("CANCEL", uid, 1, "CANCELLED")
    assert [has_calendar(m) for m in (waitlisted, offered)] == [False, False]
    assert "it is held for you until " in text(offered)
    assert invite_facts(promoted) == (
        "REQUEST",
        invite_uid(event["id"], second.email, DOMAIN),
        0,
        "CONFIRMED",
    )
    assert len(after) == len(before) + 1
    assert mails_to(after, sentinel)[0]["Subject"].startswith("Sei in lista d'attesa")


def test_markup_in_a_name_is_text_and_a_500_character_title_reads_back_whole(stack):
    title = "Città più unite " * 30 + "e il welfare locale."  # 500 characters, the most allowed
    event = publish(stack, soon_event(timedelta(days=3), timedelta(hours=2), title=title))
    wait_until_registrable(stack, event["slug"])
    mario = Person("<b>Mario</b>", "Rossi", "mario.markup@comune-test.it")

    answer = register(stack, event["slug"], mario)
    [confirmation] = wait_for_mails_to(stack, mario, 1)
    [raw] = [raw for raw in raw_messages(stack) if mario.email.encode() in raw]

    assert (answer.status_code, len(title)) == (201, 500)
    assert confirmation["Subject"] == f"Iscrizione confermata: {title}"
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert max(len(line) for line in head.split(b"\r\n")) <= 78
    assert confirmation["To"].addresses[0].display_name == "<b>Mario</b> Rossi"
    assert text(confirmation).splitlines()[0] == "Gentile <b>Mario</b> Rossi,"
    assert "<p>Gentile &lt;b&gt;Mario&lt;/b&gt; Rossi,</p>" in html(confirmation)
    assert "<b>Mario</b>" not in html(confirmation)
    assert str(vevent(confirmation)["SUMMARY"]) == title


def raw_messages(stack) -> list[bytes]:
    """Every stored message as the SMTP server received it."""
    return [read_raw(stack.maildir, key) for key in message_keys(stack.maildir)]
