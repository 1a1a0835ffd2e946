"""The email itself, from plain data: the letter a delivery owes and the event as now known.

Read top to bottom: what is composed (Letter, Outgoing); the parts every email shares
(headers, the text and HTML bodies rendered by bodies.py in the recipient's language, the
iMIP invite REQUEST or CANCEL with its .ics copy); one composer per kind; and
`compose_bytes`, which picks the composer of a letter's kind and writes the email as SMTP
carries it (`compose` reads those bytes back as a message). Encoded headers are headers.py's,
the MIME writing mime.py's. What every recipient of one email about one event shares (the
bodies but for names and links, the invite but for UID, DTSTAMP and ATTENDEE, the subject)
is built once and kept (bodies.render_bodies, shared.ical.serialize_invite)."""

import email
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from typing import Any

from services.notifications.formats import mime
from services.notifications.formats.bodies import render_bodies, subject
from services.notifications.formats.headers import POLICY
from services.notifications.formats.mime import Draft, InviteMethod, written
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


# The parts every email shares.


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


def message(out: Outgoing, context: dict[str, Any], *, variant: str | None = None) -> Draft:
    """Headers, then text and HTML from the kind's templates; `variant` picks a subject of
    its own (`cancelled.lapsed`)."""
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
    title = one_line(out.event.title)
    headers = (
        *_headers(out.letter, out.mail_from, out.now),
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


def _headers(letter: Letter, mail_from: str, now: datetime) -> tuple[bytes, ...]:
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


# One composer per kind: what each adds to the shared body, and whether it carries an invite.


def compose_pending(out: Outgoing) -> Draft:
    """Confirm your address by the deadline; no invite until the seat is confirmed."""
    confirm_by = moment(out.facts["confirm_by"])
    return message(out, {"confirm_url": out.facts["confirm_url"], "confirm_by": confirm_by})


def compose_confirmation(out: Outgoing) -> Draft:
    """Confirmed or promoted: the seat is yours, with the invite (METHOD:REQUEST)."""
    return with_invite(message(out, online_link(out)), out, "REQUEST")


def compose_waitlisted(out: Outgoing) -> Draft:
    """The place on the waitlist; no invite."""
    return message(out, {"position": out.facts["position"]})


def compose_offered(out: Outgoing) -> Draft:
    """A seat is held until the deadline; accepting it is what confirms it (no invite yet)."""
    expires = moment(out.facts["offer_expires_at"])
    return message(out, {"accept_url": out.facts["accept_url"], "offer_expires_at": expires})


def compose_cancelled(out: Outgoing) -> Draft:
    """Why it ended; an invite sent before is withdrawn (METHOD:CANCEL)."""
    reason, withdraws = out.facts["reason"], bool(out.facts.get("withdraws_invite"))
    context = {
        "reason": reason,
        "withdraws_invite": withdraws,
        "manage_url": None,
        "organizer_reason": out.facts.get("organizer_reason"),
    }
    draft = message(out, context, variant=f"cancelled.{reason}")
    return with_invite(draft, out, "CANCEL") if withdraws else draft


def compose_mode_changed(out: Outgoing) -> Draft:
    """A short note: how the person attends now."""
    return message(out, online_link(out))


def compose_rescheduled(out: Outgoing) -> Draft:
    """Time or place moved: what changed, and the invite again (REQUEST, the event's higher
    SEQUENCE, the same UID), so calendars move the entry."""
    return with_invite(message(out, changes(out)), out, "REQUEST")


def compose_programme_changed(out: Outgoing) -> Draft:
    """Only the programme or its speakers changed: what, and the invite again with the same
    SEQUENCE and a newer DTSTAMP (RFC 5546 2.1.5: an update that needs no new answer), so
    the programme in the calendar entry's description stays current."""
    return with_invite(message(out, changes(out)), out, "REQUEST")


def compose_reminder(out: Outgoing) -> Draft:
    """The event is near: when, where, the latest programme and, online, the link."""
    return message(out, online_link(out))


def compose_still_coming(out: Outgoing) -> Draft:
    """Are you still coming? If not, the cancel page frees the seat for the waitlist."""
    return message(out, cancel_link(out))


def compose_thanks(out: Outgoing) -> Draft:
    """Thanks for coming; the registration is over, so no manage link."""
    return message(out, {"manage_url": None})


COMPOSERS: dict[str, Callable[[Outgoing], Draft]] = {
    "pending": compose_pending,
    "confirmed": compose_confirmation,
    "promoted": compose_confirmation,
    "waitlisted": compose_waitlisted,
    "offered": compose_offered,
    "cancelled": compose_cancelled,
    "mode_changed": compose_mode_changed,
    "rescheduled": compose_rescheduled,
    "programme_changed": compose_programme_changed,
    "reminder": compose_reminder,
    "still_coming": compose_still_coming,
    "thanks": compose_thanks,
}


def compose_bytes(
    letter: Letter,
    event: EventSnapshotV1 | None,
    *,
    mail_from: str,
    organizer_email: str,
    domain: str,
    now: datetime,
) -> bytes:
    """The email of one letter as SMTP carries it (CRLF, 7-bit but for a recipient address
    that needs SMTPUTF8); a resend (confirmation_requested) is composed as the email it
    repeats; an invitation has no event. An unknown kind raises KeyError."""
    if event is None:
        return written(compose_invitation(letter, mail_from=mail_from, now=now))
    out = Outgoing(letter, event, mail_from, organizer_email, domain, now)
    return written(COMPOSERS[out.kind](out))


def compose(
    letter: Letter,
    event: EventSnapshotV1 | None,
    *,
    mail_from: str,
    organizer_email: str,
    domain: str,
    now: datetime,
) -> EmailMessage:
    """The MIME message of one letter: compose_bytes read back, for those who read it."""
    raw = compose_bytes(
        letter, event, mail_from=mail_from, organizer_email=organizer_email, domain=domain, now=now
    )
    parsed: EmailMessage = email.message_from_bytes(raw, policy=POLICY)
    return parsed


def compose_invitation(letter: Letter, *, mail_from: str, now: datetime) -> Draft:
    """An invitation to join an organization's console: who invites, with which role, the
    link and until when it works. No event, so no invite."""
    facts, language = letter.facts, letter.language
    values = {**facts, "expires_at": moment(facts["expires_at"]), "language": language}
    organization = one_line(facts["organization_name"])
    title = subject("invitation", language, organization=organization)
    headers = (*_headers(letter, mail_from, now), mime.header("Subject", title))
    return Draft(headers, render_bodies("invitation", language, values))
