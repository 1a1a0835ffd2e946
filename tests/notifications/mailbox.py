"""What the notification tests do and read: register, change events as an organizer, and
read the emails a person got, invites parsed by icalendar and vobject alike."""

import asyncio
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import nats
import vobject
from icalendar import Calendar

from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.support.mail import calendar_part
from tests.support.people import Person
from tests.support.system import organizer_headers

# Many registrations from one address, and scheduled mail released within moments of
# falling due: the waits of these tests are then the due times they set.
FAST = {"RATE_LIMIT_PER_MINUTE": "0", "SCHEDULER_POLL_SECONDS": "0.2"}
MANAGE_LINE = {"it": "Per gestire o annullare la tua iscrizione: ", "en": "To manage or cancel "}


def register(
    stack: Stack, slug: str, person: Person, language: str = "it", **fields: Any
) -> httpx.Response:
    """Register through the JSON API, as the form's script would."""
    return httpx.post(
        f"{stack.url('registrations')}/api/events/{slug}/registrations",
        json={**person.json(), "language": language, **fields},
        timeout=30,
    )


def mails_to(messages: list[EmailMessage], person: Person) -> list[EmailMessage]:
    return [m for m in messages if m["To"].addresses[0].addr_spec == person.email]


def wait_for_mails_to(
    stack: Stack, person: Person, count: int, *, timeout: float = 90.0
) -> list[EmailMessage]:
    """At least `count` emails to `person`, oldest first."""
    return wait_until(
        lambda: len(found := mails_to(read_messages(stack.maildir), person)) >= count and found,
        timeout=timeout,
        what=f"{count} emails to {person.email}",
    )


def text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def html(message: EmailMessage) -> str:
    body = message.get_body(("html",))
    assert body is not None
    return str(body.get_content())


def has_calendar(message: EmailMessage) -> bool:
    return "text/calendar" in [part.get_content_type() for part in message.walk()]


def link_after(message: EmailMessage, prefix: str) -> str:
    [line] = [line for line in text(message).splitlines() if line.startswith(prefix)]
    return line.rsplit(" ", 1)[1]


def invite_facts(message: EmailMessage) -> tuple[str, str, int, str]:
    """METHOD, UID, SEQUENCE and STATUS of the invite, read by icalendar and by vobject
    (which must agree), after checking the MIME method= equals METHOD."""
    part = calendar_part(message)
    raw = str(part.get_content())
    calendar = Calendar.from_ical(raw)
    [event] = calendar.walk("VEVENT")
    by_icalendar = (
        str(calendar["METHOD"]),
        str(event["UID"]),
        int(event.decoded("SEQUENCE")),
        str(event["STATUS"]),
    )
    parsed = vobject.readOne(raw)
    by_vobject = (
        parsed.method.value,
        parsed.vevent.uid.value,
        int(parsed.vevent.sequence.value),
        parsed.vevent.status.value,
    )
    assert by_icalendar == by_vobject
    assert part.get_param("method") == by_icalendar[0]
    return by_icalendar


def soon_event(starts_in: timedelta, lasts: timedelta, **changes: Any) -> dict[str, Any]:
    """An event starting `starts_in` from now, with one opening talk; no scheduled mail
    unless `changes` asks for it."""
    start = datetime.now(UTC).replace(microsecond=0) + starts_in
    return {
        "slug": f"incontro-{uuid.uuid4().hex[:6]}",
        "title": "Incontro sui servizi sociali del territorio",
        "starts_at": start.isoformat(),
        "ends_at": (start + lasts).isoformat(),
        "venue": {"name": "Sala Pietro da Cemmo", "city": "Crema"},
        "capacity": 50,
        "programme": [
            {
                "kind": "opening",
                "title": "Apertura",
                "starts_at": start.isoformat(),
                "speakers": [{"name": "Giovanni Rossoni"}],
            }
        ],
        "reminder_hours_before": None,
        "thanks_after": False,
        **changes,
    }


def event_input(stack: Stack, event_id: str) -> dict[str, Any]:
    """The event in the shape PUT takes, as the organizer gets it to edit."""
    answer = httpx.get(
        f"{stack.url('events')}/api/organizer/events/{event_id}/input",
        headers=organizer_headers(stack),
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def put_event(stack: Stack, event_id: str, body: dict[str, Any]) -> None:
    """The organizer saves the edited event (one revision, whatever changed)."""
    answer = httpx.put(
        f"{stack.url('events')}/api/organizer/events/{event_id}",
        json=body,
        headers=organizer_headers(stack),
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


def cancel_registration(manage_url: str) -> httpx.Response:
    """The person's cancel button on their manage page."""
    token = manage_url.rsplit("/", 1)[1]
    return httpx.post(f"{manage_url}/cancel", data={"token": token}, timeout=30)


def forget_what_notifications_read(stack: Stack) -> None:
    """Delete the notifications' durable consumers: JetStream then delivers every stored
    message again, as after a lost ack, and only the inbox and the delivery keys stand
    between a replay and a second email."""

    async def delete() -> None:
        client = await nats.connect(stack.nats_url)
        try:
            js = client.jetstream()
            await js.delete_consumer("REGISTRATIONS", "notifications-registrations")
            await js.delete_consumer("EVENTS", "notifications-events")
        finally:
            await client.close()

    asyncio.run(delete())


def notifications_db(stack: Stack, query: str, *params: object) -> list[tuple]:
    """Rows of the notifications service's own database (SQLite in these tests)."""
    path = stack.config.var_dir / "notifications.db"
    with sqlite3.connect(path) as connection:
        return list(connection.execute(query, params).fetchall())


def copy_revision(stack: Stack, event_id: str) -> int:
    rows = notifications_db(stack, "SELECT revision FROM known_event WHERE event_id = ?", event_id)
    return int(rows[0][0]) if rows else 0
