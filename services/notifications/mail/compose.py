"""One delivery becomes one MIME message: text, HTML and the iMIP invite, plus the .ics."""

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from services.notifications.mail.texts import render_html, render_text, subject
from services.notifications.models import Delivery
from shared.contracts import EventSnapshotV1
from shared.ical import Attendee, build_vevent, invite_uid, serialize_calendar


def compose_confirmation(
    delivery: Delivery,
    event: EventSnapshotV1,
    *,
    mail_from: str,
    organizer_email: str,
    domain: str,
    now: datetime,
) -> EmailMessage:
    """The confirmation email with an invite (METHOD:REQUEST in the part and inside)."""
    attendee = Attendee(email=delivery.recipient_email, name=delivery.recipient_name)
    vevent = build_vevent(
        event,
        uid=invite_uid(event.id, delivery.recipient_email, domain),
        now=now,
        organizer_email=organizer_email,
        attendee=attendee,
    )
    invite = serialize_calendar("REQUEST", [vevent])
    context = {"name": attendee.name, "event": event}
    message = _headers(delivery, event, mail_from=mail_from, now=now)
    message.set_content(render_text(delivery.kind, delivery.language, context))
    message.add_alternative(render_html(delivery.kind, delivery.language, context), subtype="html")
    message.add_alternative(invite.decode(), subtype="calendar", params={"method": "REQUEST"})
    message.add_attachment(invite, maintype="application", subtype="ics", filename="invito.ics")
    return message


def one_line(text: str) -> str:
    """Header text on one line, whatever an upstream check let through."""
    return " ".join(text.split())


def _headers(
    delivery: Delivery, event: EventSnapshotV1, *, mail_from: str, now: datetime
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = formataddr((one_line(delivery.recipient_name), delivery.recipient_email))
    message["Subject"] = subject(delivery.kind, delivery.language, title=one_line(event.title))
    message["Date"] = format_datetime(now)
    message["Message-ID"] = delivery.message_id
    message["Auto-Submitted"] = "auto-generated"
    return message
