"""Reading what the services mailed, from the sink's Maildir."""

from collections import defaultdict
from collections.abc import Callable
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import default
from functools import cache
from pathlib import Path

from icalendar import Calendar

from devstack.mailsink.store import message_keys, read_messages, read_raw
from devstack.waiting import wait_until


def wait_for_mails(maildir: Path, count: int, *, timeout: float = 90.0) -> list[EmailMessage]:
    """At least `count` messages in the Maildir, read back parsed."""
    return wait_until(
        lambda: (found := read_messages(maildir)) and len(found) >= count and found,
        timeout=timeout,
        what=f"{count} emails in {maildir}",
    )


def recipients(messages: list[EmailMessage]) -> list[str]:
    return sorted(str(message["To"].addresses[0].addr_spec) for message in messages)


def calendar_part(message: EmailMessage) -> EmailMessage:
    """The text/calendar alternative (the invite the client acts on)."""
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [part.get_content_type() for part in message.walk()]
    return parts[0]  # type: ignore[return-value]


def invite(message: EmailMessage) -> Calendar:
    return Calendar.from_ical(calendar_part(message).get_content())


def copies_by_recipient_and(
    maildir: Path, kind_of: Callable[[str], str]
) -> dict[tuple[str, str], list[str]]:
    """(recipient, kind of its Message-ID) -> the Message-ID of every copy received, in
    arrival order: each raw message counts, so a copy sent twice shows twice, whatever its
    Message-ID. Cheap enough to poll: only headers are read, each message's once."""
    copies: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in message_keys(maildir):
        recipient, message_id = _addressed(str(maildir), key)
        copies[(recipient, kind_of(message_id))].append(message_id)
    return dict(copies)


@cache  # a message in the Maildir never changes
def _addressed(maildir: str, key: str) -> tuple[str, str]:
    """(recipient, Message-ID) of one stored message."""
    headers = BytesHeaderParser(policy=default).parsebytes(read_raw(maildir, key))
    return str(headers["To"].addresses[0].addr_spec), str(headers["Message-ID"])
