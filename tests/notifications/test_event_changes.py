"""An organizer changes or cancels an event people registered for: each of them hears of it
exactly once, with an invite that moves or removes their calendar entry when time or place
changed, and a note with the same invite (its programme up to date) when only the programme
did."""

from datetime import timedelta

import httpx
import pytest

from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from tests.notifications.mailbox import (
    event_input,
    invite_facts,
    mails_to,
    put_event,
    register,
    soon_event,
    text,
    wait_for_mails_to,
)
from tests.support.people import Person, people
from tests.support.system import (
    conference,
    organizer_headers,
    publish,
    wait_until_registrable,
)

pytestmark = pytest.mark.e2e

GANDIOLI_TALK = "I sub-ambiti e le prospettive di sviluppo gestionale"


def told_once(stack: Stack, sentinel: Person, event_slug: str) -> list:
    """Every email so far, once the sentinel's confirmation arrived after them."""
    register(stack, event_slug, sentinel)
    wait_for_mails_to(stack, sentinel, 1)
    return read_messages(stack.maildir)


def test_welfare_convegno_one_update_for_both_changes_then_one_cancel_each(stack):
    event = publish(stack, conference())
    other = publish(stack, soon_event(timedelta(days=3), timedelta(hours=2)))
    wait_until_registrable(stack, event["slug"])
    wait_until_registrable(stack, other["slug"])
    registered = people(30, tag="welfare")
    answers = [register(stack, event["slug"], person).status_code for person in registered]
    confirmations = {p.email: wait_for_mails_to(stack, p, 1)[0] for p in registered}

    body = event_input(stack, event["id"])
    assert body["starts_at"][10:19] == "T09:00:00"  # the wall clock, then its offset
    body["starts_at"] = body["starts_at"].replace("T09:00:00", "T09:30:00")
    [talk] = [item for item in body["programme"] if item["title"] == GANDIOLI_TALK]
    talk["speakers"] = []
    put_event(stack, event["id"], body)
    for person in registered:
        wait_for_mails_to(stack, person, 2)
    after_update = told_once(stack, people(1, tag="welfare-sentinel-a")[0], other["slug"])
    cancelled = httpx.post(
        f"{stack.url('events')}/api/organizer/events/{event['id']}/cancel",
        json={"reason": "maltempo"},
        headers=organizer_headers(stack),
    )
    for person in registered:
        wait_for_mails_to(stack, person, 3)
    after_cancel = told_once(stack, people(1, tag="welfare-sentinel-b")[0], other["slug"])

    assert answers == [201] * 30
    assert cancelled.status_code == 200, cancelled.text
    for person in registered:
        first = invite_facts(confirmations[person.email])
        [_, update] = mails_to(after_update, person)
        [_, again, withdrawal] = mails_to(after_cancel, person)
        assert update["Message-ID"] == again["Message-ID"]
        assert update["Subject"] == f"Evento modificato: {event['title']}"
        lines = text(update).splitlines()
        assert "- inizio 09:00 -> 09:30" in lines
        assert f"- Roberto Gandioli rimosso da '{GANDIOLI_TALK}'" in lines
        assert invite_facts(update) == ("REQUEST", first[1], first[2] + 1, "CONFIRMED")
        assert withdrawal["Subject"] == f"Evento annullato: {event['title']}"
        method, uid, sequence, status = invite_facts(withdrawal)
        assert (method, uid, sequence > first[2] + 1, status) == (
            "CANCEL",
            first[1],
            True,
            "CANCELLED",
        )


def test_programme_change_mails_a_note_unless_the_organizer_switched_it_off(
    stack,
):
    told = publish(stack, soon_event(timedelta(days=3), timedelta(hours=2)))
    quiet = publish(
        stack, soon_event(timedelta(days=3), timedelta(hours=2), notify_programme_changes=False)
    )
    for event in (told, quiet):
        wait_until_registrable(stack, event["slug"])
    anna, luca, sentinel = people(3, tag="programme")
    register(stack, told["slug"], anna, language="en")
    register(stack, quiet["slug"], luca)
    wait_for_mails_to(stack, anna, 1)
    wait_for_mails_to(stack, luca, 1)

    for event in (told, quiet):
        body = event_input(stack, event["id"])
        body["programme"][0]["speakers"] = []
        put_event(stack, event["id"], body)
    wait_for_mails_to(stack, anna, 2)
    messages = told_once(stack, sentinel, told["slug"])

    [_, note] = mails_to(messages, anna)
    assert note["Subject"] == f"Programme updated: {told['title']}"
    assert "- Giovanni Rossoni removed from 'Apertura'" in text(note).splitlines()
    assert invite_facts(note)[0] == "REQUEST"  # the same entry, its programme brought up to date
    assert len(mails_to(messages, luca)) == 1
