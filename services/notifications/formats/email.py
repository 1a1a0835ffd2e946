"""The email itself, from plain data: one composer per kind, each adding to the parts every
email shares (letter.py), and `compose_bytes`, which picks the composer of a letter's kind
and writes the email as SMTP carries it (`compose` reads those bytes back as a message).
Encoded headers are headers.py's, the MIME writing mime.py's. What every recipient of one
email about one event shares (the bodies but for names and links, the invite but for UID,
DTSTAMP and ATTENDEE, the subject) is built once and kept (bodies.render_bodies,
shared.ical.serialize_invite)."""

import email
from collections.abc import Callable, Mapping
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from services.notifications.formats import mime
from services.notifications.formats.bodies import render_bodies, subject
from services.notifications.formats.certificate import (
    compose_certificate,
    compose_questionnaire,
    compose_shortfall,
)
from services.notifications.formats.headers import POLICY
from services.notifications.formats.letter import (
    Letter,
    Outgoing,
    cancel_link,
    changes,
    headers_of,
    message,
    moment,
    one_line,
    online_link,
    with_invite,
)
from services.notifications.formats.mime import Draft, written
from services.notifications.formats.sessions import KINDS as SESSION_KINDS
from services.notifications.formats.sessions import compose_session
from services.notifications.formats.webhook_notice import compose_webhook_disabled
from shared.contracts import EventSnapshotV1

__all__ = ["Letter", "compose", "compose_bytes", "one_line"]


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
    "certificate": compose_certificate,
    "questionnaire": compose_questionnaire,
    "shortfall": compose_shortfall,
    **dict.fromkeys(SESSION_KINDS, compose_session),
}


def compose_bytes(
    letter: Letter,
    event: EventSnapshotV1 | None,
    *,
    mail_from: str,
    organizer_email: str,
    domain: str,
    now: datetime,
    fonts: Path | None = None,
    images: Mapping[str, bytes] | None = None,
) -> bytes:
    """The email of one letter as SMTP carries it (CRLF, 7-bit but for a recipient address
    that needs SMTPUTF8); a resend (confirmation_requested) is composed as the email it
    repeats; an invitation has no event. An unknown kind raises KeyError. `fonts`: the
    folder of the certificate's typeface, for the kinds that attach one, and `images` the
    logo and signatures it names, by digest."""
    if event is None:  # an invitation, or a webhook turned off: no event
        compose_alone = NO_EVENT_COMPOSERS[letter.kind]
        return written(compose_alone(letter, mail_from=mail_from, now=now))
    out = Outgoing(letter, event, mail_from, organizer_email, domain, now, fonts, images or {})
    return written(COMPOSERS[out.kind](out))


def compose(
    letter: Letter,
    event: EventSnapshotV1 | None,
    *,
    mail_from: str,
    organizer_email: str,
    domain: str,
    now: datetime,
    fonts: Path | None = None,
    images: Mapping[str, bytes] | None = None,
) -> EmailMessage:
    """The MIME message of one letter: compose_bytes read back, for those who read it."""
    raw = compose_bytes(
        letter,
        event,
        mail_from=mail_from,
        organizer_email=organizer_email,
        domain=domain,
        now=now,
        fonts=fonts,
        images=images,
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
    headers = (*headers_of(letter, mail_from, now), mime.header("Subject", title))
    return Draft(headers, render_bodies("invitation", language, values))


NO_EVENT_COMPOSERS: dict[str, Callable[..., Draft]] = {
    "invitation": compose_invitation,
    "webhook_disabled": compose_webhook_disabled,
}
