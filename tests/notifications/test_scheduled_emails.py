"""Scheduled mail on a real stack: "are you still coming?", the reminder and the thanks arrive
when due, composed from the event as it is then; they survive a restart of notifications,
are sent once, and never to someone who cancelled."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from devstack.mailsink.store import read_messages
from devstack.waiting import wait_until
from tests.notifications.mailbox import (
    FAST,
    MANAGE_LINE,
    cancel_registration,
    event_input,
    forget_what_notifications_read,
    has_calendar,
    html,
    link_after,
    mails_to,
    put_event,
    register,
    soon_event,
    text,
    wait_for_mails_to,
)
from tests.support.people import people
from tests.support.system import publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.e2e

ONLINE_URL = "https://meet.example.it/incontro-servizi"


def test_still_coming_reminder_and_thanks_arrive_when_due_with_the_latest_programme(stack):
    # Registered at once, then: still coming at +10 s, reminder at +20 s, start at +30 s,
    # end and thanks at +35 s.
    event = publish(
        stack,
        soon_event(
            timedelta(seconds=30),
            timedelta(seconds=5),
            attendance_mode="hybrid",
            online_capacity=50,
            online_url=ONLINE_URL,
            still_coming_days_before=20 / 86400,
            reminder_hours_before=10 / 3600,
            thanks_after=True,
        ),
    )
    wait_until_registrable(stack, event["slug"])
    maria, luca, sentinel = people(3, tag="scheduled")
    answers = [
        register(stack, event["slug"], maria),
        register(stack, event["slug"], luca, language="en", mode="online"),
    ]
    wait_for_mails_to(stack, luca, 1)
    body = event_input(stack, event["id"])
    body["programme"][0]["title"] = "Apertura dei lavori"
    put_event(stack, event["id"], body)

    wait_for_mails_to(stack, maria, 5)
    wait_for_mails_to(stack, luca, 5)
    later = publish(stack, soon_event(timedelta(days=2), timedelta(hours=2)))
    wait_until_registrable(stack, later["slug"])
    register(stack, later["slug"], sentinel)  # once it arrives, nothing else is on its way
    wait_for_mails_to(stack, sentinel, 1)
    messages = read_messages(stack.maildir)

    assert [a.status_code for a in answers] == [201, 201]
    to_maria, to_luca = mails_to(messages, maria), mails_to(messages, luca)
    title = event["title"]
    assert [m["Subject"] for m in to_maria] == [
        f"Iscrizione confermata: {title}",
        f"Programma aggiornato: {title}",
        f"Partecipi ancora? {title}",
        f"Promemoria: {title}",
        f"Grazie per aver partecipato: {title}",
    ]
    assert [m["Subject"] for m in to_luca] == [
        f"Registration confirmed: {title}",
        f"Programme updated: {title}",
        f"Are you still coming? {title}",
        f"Reminder: {title}",
        f"Thank you for attending: {title}",
    ]
    assert [has_calendar(m) for m in to_maria] == [True, True, False, False, False]
    _, _, still_coming, reminder, thanks = to_maria
    manage_url = link_after(to_maria[0], MANAGE_LINE["it"])
    assert f"Annulla l'iscrizione: {manage_url}/cancel" in text(still_coming).splitlines()
    assert httpx.get(f"{manage_url}/cancel").status_code == 200
    assert "Apertura dei lavori - Giovanni Rossoni" in text(reminder)
    assert (ONLINE_URL in text(reminder), ONLINE_URL in text(to_luca[3])) == (False, True)
    assert f'<a href="{ONLINE_URL}">' in html(to_luca[3])
    assert manage_url not in text(thanks)
    assert _ticket_lines(reminder) == _ticket_lines(to_maria[0]) != []
    assert _ticket_lines(to_luca[3]) == []  # online: no door to show it at


def _ticket_lines(message) -> list[str]:
    """The ticket's short code as the email's text shows it, in either language."""
    return [
        line
        for line in text(message).splitlines()
        if line.startswith(("Codice del biglietto:", "Ticket code:"))
    ]


def test_reminder_survives_a_restart_is_sent_once_and_never_to_who_cancelled(tmp_path):
    with running_stack(tmp_path, env=FAST) as stack:
        event = publish(
            stack,
            soon_event(timedelta(minutes=2), timedelta(hours=1), reminder_hours_before=105 / 3600),
        )
        due = datetime.fromisoformat(event["starts_at"]) - timedelta(seconds=105)
        wait_until_registrable(stack, event["slug"])
        staying, leaving, sentinel = people(3, tag="restart")
        register(stack, event["slug"], staying)
        register(stack, event["slug"], leaving)
        [confirmation] = wait_for_mails_to(stack, leaving, 1)
        cancel_registration(link_after(confirmation, MANAGE_LINE["it"]))
        wait_for_mails_to(stack, leaving, 2)

        notifications = stack.services["notifications"]
        notifications.stop()
        wait_until(lambda: datetime.now(UTC) > due, timeout=60, what="the reminder due")
        notifications.start().wait_healthy()
        [_, reminder] = wait_for_mails_to(stack, staying, 2)
        notifications.stop()
        forget_what_notifications_read(stack)  # and on its next start it reads it all again
        notifications.start().wait_healthy()
        register(stack, event["slug"], sentinel)
        wait_for_mails_to(stack, sentinel, 1)
        messages = read_messages(stack.maildir)

    assert reminder["Subject"] == f"Promemoria: {event['title']}"
    assert [m["Subject"].split(":")[0] for m in mails_to(messages, staying)] == [
        "Iscrizione confermata",
        "Promemoria",
    ]
    assert [m["Subject"].split(":")[0] for m in mails_to(messages, leaving)] == [
        "Iscrizione confermata",
        "Iscrizione annullata",
    ]
    assert len(messages) == 5
