"""One composer per kind of email: what each adds to the shared body, and whether it
carries an invite. `compose` picks the composer of a delivery's kind."""

from collections.abc import Callable
from datetime import datetime
from email.message import EmailMessage

from services.notifications.formats.compose import (
    Outgoing,
    cancel_link,
    changes,
    message,
    moment,
    online_link,
    with_invite,
)
from services.notifications.storage.tables import Delivery
from shared.contracts import EventSnapshotV1

Composer = Callable[[Outgoing], EmailMessage]


def compose_pending(out: Outgoing) -> EmailMessage:
    """Confirm your address by the deadline; no invite until the seat is confirmed."""
    context = {
        "confirm_url": out.facts["confirm_url"],
        "confirm_by": moment(out.facts["confirm_by"]),
    }
    return message(out, context)


def compose_confirmation(out: Outgoing) -> EmailMessage:
    """Confirmed or promoted: the seat is yours, with the invite (METHOD:REQUEST)."""
    return with_invite(message(out, online_link(out)), out, "REQUEST")


def compose_waitlisted(out: Outgoing) -> EmailMessage:
    """The place on the waitlist; no invite."""
    return message(out, {"position": out.facts["position"]})


def compose_offered(out: Outgoing) -> EmailMessage:
    """A seat is held until the deadline; accepting it is what confirms it (no invite yet)."""
    context = {
        "accept_url": out.facts["accept_url"],
        "offer_expires_at": moment(out.facts["offer_expires_at"]),
    }
    return message(out, context)


def compose_cancelled(out: Outgoing) -> EmailMessage:
    """Why it ended; an invite sent before is withdrawn (METHOD:CANCEL)."""
    reason, withdraws = out.facts["reason"], bool(out.facts.get("withdraws_invite"))
    context = {"reason": reason, "withdraws_invite": withdraws, "manage_url": None}
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
    """Only the programme or its speakers changed: what, without an invite (the calendar
    entry is still right)."""
    return message(out, changes(out))


def compose_reminder(out: Outgoing) -> EmailMessage:
    """The event is near: when, where, the latest programme and, online, the link."""
    return message(out, online_link(out))


def compose_still_coming(out: Outgoing) -> EmailMessage:
    """Are you still coming? If not, the cancel page frees the seat for the waitlist."""
    return message(out, cancel_link(out))


def compose_thanks(out: Outgoing) -> EmailMessage:
    """Thanks for coming; the registration is over, so no manage link."""
    return message(out, {"manage_url": None})


COMPOSERS: dict[str, Composer] = {
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
    delivery: Delivery,
    event: EventSnapshotV1,
    *,
    mail_from: str,
    organizer_email: str,
    domain: str,
    now: datetime,
) -> EmailMessage:
    """The MIME message of one delivery; a resend (confirmation_requested) is composed as
    the email it repeats. An unknown kind raises KeyError."""
    out = Outgoing(delivery, event, mail_from, organizer_email, domain, now)
    return COMPOSERS[out.kind](out)
