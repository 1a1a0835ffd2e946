"""The email itself, from plain data: the letter a delivery owes and the event as now known.

Read top to bottom: what is composed (Letter, Outgoing); the parts every email shares
(headers, the text and HTML bodies rendered by bodies.py in the recipient's language, the
iMIP invite REQUEST or CANCEL with its .ics copy); one composer per kind; and `compose`,
which picks the composer of a letter's kind. Encoded headers are headers.py's."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from services.notifications.formats.bodies import render_html, render_text, subject
from services.notifications.formats.headers import POLICY
from shared.contracts import EventSnapshotV1
from shared.ical import (
    INVITE_ALARM,
    Attendee,
    Method,
    build_vevent,
    invite_uid,
    serialize_calendar,
)

ATTACHMENT_NAMES = {"REQUEST": "invito.ics", "CANCEL": "annullamento.ics"}


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


def message(out: Outgoing, context: dict[str, Any], *, variant: str | None = None) -> EmailMessage:
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
    email = _headers(out.letter, out.mail_from, out.now)
    email["Subject"] = subject(variant or kind, language, title=title)
    email.set_content(render_text(kind, language, values))
    email.add_alternative(render_html(kind, language, values), subtype="html")
    return email


def with_invite(email: EmailMessage, out: Outgoing, method: Method) -> EmailMessage:
    """Add the invite as a calendar alternative (its `method=` equal to the METHOD inside)
    and as an .ics attachment. CANCEL withdraws the entry: same UID, SEQUENCE one higher;
    REQUEST carries the alarm. The SEQUENCE counts the registration's rounds too, so an
    invite after a cancellation is newer than the withdrawal (shared/ical.invite_sequence)."""
    letter = out.letter
    vevent = build_vevent(
        out.event,
        uid=invite_uid(out.event.id, letter.recipient_email, out.domain),
        now=out.now,
        organizer_email=out.organizer_email,
        attendee=Attendee(email=letter.recipient_email, name=one_line(letter.recipient_name)),
        cancelled=method == "CANCEL",
        alarm=INVITE_ALARM if method == "REQUEST" else None,
        renewal=letter.renewal,
    )
    invite = serialize_calendar(method, [vevent])
    email.add_alternative(invite.decode(), subtype="calendar", params={"method": method})
    email.add_attachment(
        invite, maintype="application", subtype="ics", filename=ATTACHMENT_NAMES[method]
    )
    return email


def one_line(text: str) -> str:
    """Header text on one line, whatever an upstream check let through."""
    return " ".join(text.split())


def _headers(letter: Letter, mail_from: str, now: datetime) -> EmailMessage:
    """Every header but the subject."""
    email = EmailMessage(policy=POLICY)
    email["From"] = mail_from
    email["To"] = Address(one_line(letter.recipient_name), addr_spec=letter.recipient_email)
    email["Date"] = format_datetime(now)
    email["Message-ID"] = letter.message_id
    email["Auto-Submitted"] = "auto-generated"
    return email


# One composer per kind: what each adds to the shared body, and whether it carries an invite.


def compose_pending(out: Outgoing) -> EmailMessage:
    """Confirm your address by the deadline; no invite until the seat is confirmed."""
    confirm_by = moment(out.facts["confirm_by"])
    return message(out, {"confirm_url": out.facts["confirm_url"], "confirm_by": confirm_by})


def compose_confirmation(out: Outgoing) -> EmailMessage:
    """Confirmed or promoted: the seat is yours, with the invite (METHOD:REQUEST)."""
    return with_invite(message(out, online_link(out)), out, "REQUEST")


def compose_waitlisted(out: Outgoing) -> EmailMessage:
    """The place on the waitlist; no invite."""
    return message(out, {"position": out.facts["position"]})


def compose_offered(out: Outgoing) -> EmailMessage:
    """A seat is held until the deadline; accepting it is what confirms it (no invite yet)."""
    expires = moment(out.facts["offer_expires_at"])
    return message(out, {"accept_url": out.facts["accept_url"], "offer_expires_at": expires})


def compose_cancelled(out: Outgoing) -> EmailMessage:
    """Why it ended; an invite sent before is withdrawn (METHOD:CANCEL)."""
    reason, withdraws = out.facts["reason"], bool(out.facts.get("withdraws_invite"))
    context = {
        "reason": reason,
        "withdraws_invite": withdraws,
        "manage_url": None,
        "organizer_reason": out.facts.get("organizer_reason"),
    }
    email = message(out, context, variant=f"cancelled.{reason}")
    return with_invite(email, out, "CANCEL") if withdraws else email


def compose_mode_changed(out: Outgoing) -> EmailMessage:
    """A short note: how the person attends now."""
    return message(out, online_link(out))


def compose_rescheduled(out: Outgoing) -> EmailMessage:
    """Time or place moved: what changed, and the invite again (REQUEST, the event's higher
    SEQUENCE, the same UID), so calendars move the entry."""
    return with_invite(message(out, changes(out)), out, "REQUEST")


def compose_programme_changed(out: Outgoing) -> EmailMessage:
    """Only the programme or its speakers changed: what, and the invite again with the same
    SEQUENCE and a newer DTSTAMP (RFC 5546 2.1.5: an update that needs no new answer), so
    the programme in the calendar entry's description stays current."""
    return with_invite(message(out, changes(out)), out, "REQUEST")


def compose_reminder(out: Outgoing) -> EmailMessage:
    """The event is near: when, where, the latest programme and, online, the link."""
    return message(out, online_link(out))


def compose_still_coming(out: Outgoing) -> EmailMessage:
    """Are you still coming? If not, the cancel page frees the seat for the waitlist."""
    return message(out, cancel_link(out))


def compose_thanks(out: Outgoing) -> EmailMessage:
    """Thanks for coming; the registration is over, so no manage link."""
    return message(out, {"manage_url": None})


COMPOSERS: dict[str, Callable[[Outgoing], EmailMessage]] = {
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


def compose(
    letter: Letter,
    event: EventSnapshotV1 | None,
    *,
    mail_from: str,
    organizer_email: str,
    domain: str,
    now: datetime,
) -> EmailMessage:
    """The MIME message of one letter; a resend (confirmation_requested) is composed as the
    email it repeats; an invitation has no event. An unknown kind raises KeyError."""
    if event is None:
        return compose_invitation(letter, mail_from=mail_from, now=now)
    out = Outgoing(letter, event, mail_from, organizer_email, domain, now)
    return COMPOSERS[out.kind](out)


def compose_invitation(letter: Letter, *, mail_from: str, now: datetime) -> EmailMessage:
    """An invitation to join an organization's console: who invites, with which role, the
    link and until when it works. No event, so no invite."""
    facts, language = letter.facts, letter.language
    values = {**facts, "expires_at": moment(facts["expires_at"]), "language": language}
    email = _headers(letter, mail_from, now)
    organization = one_line(facts["organization_name"])
    email["Subject"] = subject("invitation", language, organization=organization)
    email.set_content(render_text("invitation", language, values))
    email.add_alternative(render_html("invitation", language, values), subtype="html")
    return email
