"""A person who cancels, registers again and sees the event move: a calendar that applies
every invite and withdrawal they were mailed, in order, by RFC 5546's rules ends with the
event confirmed at its latest time; their .ics download and their feed say no less."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage

import httpx
import pytest
from icalendar import Calendar

from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.manage.pages import link
from tests.notifications.mailbox import (
    MANAGE_LINE,
    cancel_registration,
    copy_revision,
    event_input,
    link_after,
    put_event,
    register,
    soon_event,
    wait_for_mails_to,
)
from tests.support.mail import invite
from tests.support.people import Person, people
from tests.support.system import publish, wait_until_registrable

pytestmark = pytest.mark.e2e


@dataclass
class Entry:
    sequence: int
    status: str
    starts: datetime | date


def replay(messages: list[EmailMessage]) -> dict[str, Entry]:
    """A calendar after the invites of `messages`, in order (RFC 5546, 2.1.4 and 3.2): a
    message whose SEQUENCE is below the one held is stale and ignored; REQUEST sets the
    entry, CANCEL marks it cancelled (the calendar keeps its SEQUENCE, as clients do)."""
    calendar: dict[str, Entry] = {}
    for message in messages:
        method, vevent = _invite_of(message)
        uid, sequence = str(vevent["UID"]), int(vevent.decoded("SEQUENCE"))
        held = calendar.get(uid)
        if held is not None and sequence < held.sequence:
            continue
        status = "CANCELLED" if method == "CANCEL" else str(vevent["STATUS"])
        calendar[uid] = Entry(sequence, status, vevent.decoded("DTSTART"))
    return calendar


def _invite_of(message: EmailMessage):
    calendar = invite(message)
    [vevent] = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), vevent


def carries_invite(message: EmailMessage) -> bool:
    return any(part.get_content_type() == "text/calendar" for part in message.walk())


def moved(stack: Stack, event_id: str, by: timedelta) -> None:
    """The organizer moves the event, and its programme with it, by `by`."""
    body = event_input(stack, event_id)

    def later(value: str) -> str:
        return (datetime.fromisoformat(value) + by).isoformat()

    body["starts_at"], body["ends_at"] = later(body["starts_at"]), later(body["ends_at"])
    for item in body["programme"]:
        item["starts_at"] = later(item["starts_at"]) if item.get("starts_at") else None
    put_event(stack, event_id, body)


class Life:
    """One person's registration, and every email it brought them."""

    def __init__(self, stack: Stack, slug: str, person: Person) -> None:
        self.stack, self.slug, self.person, self.mails = stack, slug, person, 0

    def next_mail(self) -> EmailMessage:
        self.mails += 1
        return wait_for_mails_to(self.stack, self.person, self.mails)[-1]

    def register(self) -> str:
        """Register (again); the manage link of the confirmation."""
        assert register(self.stack, self.slug, self.person).status_code == 201
        return link_after(self.next_mail(), MANAGE_LINE["it"])

    def cancel(self, manage_url: str) -> None:
        assert cancel_registration(manage_url).status_code == 200
        self.next_mail()

    def move(self, event_id: str, by: timedelta) -> None:
        moved(self.stack, event_id, by)
        self.next_mail()


def sequence_and_status(ics: bytes) -> tuple[int, str]:
    [vevent] = Calendar.from_ical(ics).walk("VEVENT")
    return int(vevent.decoded("SEQUENCE")), str(vevent["STATUS"])


def test_cancel_register_again_and_moves_leave_the_calendar_confirmed_at_the_latest_time(stack):
    event = publish(stack, soon_event(timedelta(days=5), timedelta(hours=2)))
    wait_until_registrable(stack, event["slug"])
    life = Life(stack, event["slug"], people(1, tag="replay")[0])

    life.cancel(life.register())
    manage_url = life.register()
    life.move(event["id"], timedelta(minutes=30))
    life.cancel(manage_url)
    moved(stack, event["id"], timedelta(hours=1))  # while cancelled: no email
    # Heard before the next registration, or its confirmation would carry the old times and
    # an update would follow it: one email more, rightly.
    wait_until(lambda: copy_revision(stack, event["id"]) == 3, timeout=30, what="the move heard")
    manage_url = life.register()
    life.move(event["id"], timedelta(minutes=15))
    life.cancel(manage_url)
    manage_url = life.register()
    mails = wait_for_mails_to(stack, life.person, life.mails)
    invites = [message for message in mails if carries_invite(message)]
    page = httpx.get(manage_url, timeout=30).text
    download = httpx.get(f"{manage_url}/event.ics", timeout=30)
    feed = httpx.get(link(page, "feed-https"), timeout=30)

    told = [_invite_of(message)[0] for message in invites]
    held = [status_after(invites[: n + 1]) for n in range(len(invites))]
    [entry] = replay(invites).values()
    latest = datetime.fromisoformat(event["starts_at"]) + timedelta(hours=1, minutes=45)
    last_sequence = int(_invite_of(invites[-1])[1].decoded("SEQUENCE"))
    assert told == [
        *("REQUEST", "CANCEL"),  # registered, cancelled
        *("REQUEST", "REQUEST", "CANCEL"),  # registered again, moved, cancelled
        *("REQUEST", "REQUEST", "CANCEL"),  # registered again (after a move), moved, cancelled
        "REQUEST",  # registered again
    ]
    assert held == ["CONFIRMED" if method == "REQUEST" else "CANCELLED" for method in told]
    assert (entry.status, entry.starts) == ("CONFIRMED", latest)
    assert sequence_and_status(download.content) == (last_sequence, "CONFIRMED")
    assert sequence_and_status(feed.content) == (last_sequence, "CONFIRMED")


def status_after(messages: list[EmailMessage]) -> str:
    """What the calendar shows once it applied `messages`."""
    [entry] = replay(messages).values()
    return entry.status
