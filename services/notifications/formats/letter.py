"""What every email shares: the letter a delivery owes (Letter), the letter being composed
with the event as now known (Outgoing), and the parts composers build from: headers, the text
and HTML bodies rendered by bodies.py in the recipient's language, and the iMIP invite REQUEST
or CANCEL with its .ics copy. The composers of each kind are email.py's."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from services.notifications.formats import mime
from services.notifications.formats.bodies import render_bodies, subject
from services.notifications.formats.mime import Draft, InviteMethod
from shared.contracts import EventSnapshotV1
from shared.ical import INVITE_ALARM, Attendee, invite_uid, serialize_invite


@dataclass(frozen=True)
class Letter:
    """One email a delivery owes: its kind, to whom, in which language, its Message-ID, the
    fact's own data (links, mode, position, deadline, reason; {} on old deliveries), and the
    round of the registration it belongs to (its invite's SEQUENCE counts the rounds)."""

    kind: str
    recipient_email: str
    recipient_name: str
    language: str
    message_id: str
    facts: dict[str, Any]
    renewal: int = 0


@dataclass(frozen=True)
class Outgoing:
    """One letter being composed: the event as now known, and the sender's settings."""

    letter: Letter
    event: EventSnapshotV1
    mail_from: str
    organizer_email: str
    domain: str
    now: datetime
    fonts: Path | None = None  # the certificate's typeface, where one is attached
    images: Mapping[str, bytes] = field(default_factory=dict)  # the certificate's, by digest

    @property
    def facts(self) -> dict[str, Any]:
        return self.letter.facts

    @property
    def again(self) -> bool:
        """A resend on request: the email it repeats, saying so."""
        return self.letter.kind == "confirmation_requested"

    @property
    def kind(self) -> str:
        """The email this is: a resend is the kind it repeats (the confirmation by default)."""
        return self.facts.get("repeats", "confirmed") if self.again else self.letter.kind


def moment(value: str) -> datetime:
    """A datetime the payload keeps as ISO text."""
    return datetime.fromisoformat(value)


def online_link(out: Outgoing) -> dict[str, Any]:
    """The online link, only for a person attending online (None: it comes later)."""
    online = out.facts.get("mode") == "online"
    return {"online_url": out.event.online_url if online else None}


def changes(out: Outgoing) -> dict[str, Any]:
    """What changed in the event, as told to this person in their language."""
    return {"changes": list(out.facts.get("changes", []))}


def cancel_link(out: Outgoing) -> dict[str, Any]:
    """The page where the person cancels (the manage page's /cancel), None without one."""
    manage_url = out.facts.get("manage_url")
    return {"cancel_url": f"{manage_url}/cancel" if manage_url else None}


def message(
    out: Outgoing, context: dict[str, Any], *, variant: str | None = None, about: str = ""
) -> Draft:
    """Headers, then text and HTML from the kind's templates; `variant` picks a subject of
    its own (`cancelled.lapsed`), `about` names in it what the email is about before the
    event's title (a session of it)."""
    language, kind = out.letter.language, out.kind
    values = {
        "name": out.letter.recipient_name,
        "event": out.event,
        "language": language,
        "mode": out.facts.get("mode", "in_person"),
        "manage_url": out.facts.get("manage_url"),
        "ticket_code": out.facts.get("ticket_code"),  # None in facts from before short codes
        "again": out.again,
        **context,
    }
    title = one_line(f"{about} – {out.event.title}" if about else out.event.title)
    headers = (
        *headers_of(out.letter, out.mail_from, out.now),
        _subject(variant or kind, language, title),
    )
    return Draft(headers, render_bodies(kind, language, values))


def with_invite(draft: Draft, out: Outgoing, method: InviteMethod) -> Draft:
    """Add the invite as a calendar alternative (its `method=` equal to the METHOD inside)
    and as an .ics attachment. CANCEL withdraws the entry: same UID, SEQUENCE one higher;
    REQUEST carries the alarm. The SEQUENCE counts the registration's rounds too, so an
    invite after a cancellation is newer than the withdrawal (shared/ical.invite_sequence)."""
    letter = out.letter
    invite = serialize_invite(
        method,
        out.event,
        uid=invite_uid(out.event.id, letter.recipient_email, out.domain),
        now=out.now,
        organizer_email=out.organizer_email,
        attendee=Attendee(email=letter.recipient_email, name=one_line(letter.recipient_name)),
        alarm=INVITE_ALARM if method == "REQUEST" else None,
        renewal=letter.renewal,
    )
    return replace(draft, invite=(method, invite))


def one_line(text: str) -> str:
    """Header text on one line, whatever an upstream check let through."""
    return " ".join(text.split())


def headers_of(letter: Letter, mail_from: str, now: datetime) -> tuple[bytes, ...]:
    """Every header but the subject."""
    return (
        _from(mail_from),
        mime.to_header(one_line(letter.recipient_name), letter.recipient_email),
        mime.raw_header("Date", format_datetime(now)),
        mime.raw_header("Message-ID", letter.message_id),
        b"Auto-Submitted: auto-generated\r\n",
    )


@lru_cache(maxsize=8)
def _from(mail_from: str) -> bytes:
    return mime.header("From", mail_from)


@lru_cache(maxsize=256)
def _subject(key: str, language: str, title: str) -> bytes:
    return mime.header("Subject", subject(key, language, title=title))
