"""What every email shares: the headers, the text and HTML bodies in the recipient's
language, and the iMIP invite (REQUEST or CANCEL) with its .ics copy."""

import json
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cached_property
from typing import Any

from services.notifications.formats.bodies import render_html, render_text, subject
from services.notifications.formats.headers import POLICY
from services.notifications.storage.tables import Delivery
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
class Outgoing:
    """One delivery being composed: the event as now known, and the sender's settings."""

    delivery: Delivery
    event: EventSnapshotV1
    mail_from: str
    organizer_email: str
    domain: str
    now: datetime

    @cached_property
    def facts(self) -> dict[str, Any]:
        """The fact's own data (links, mode, position, deadline, reason); {} on old rows."""
        return dict(json.loads(self.delivery.payload or "{}"))

    @property
    def again(self) -> bool:
        """A resend on request: the email it repeats, saying so."""
        return self.delivery.kind == "confirmation_requested"

    @property
    def kind(self) -> str:
        """The email this is: a resend is the kind it repeats (the confirmation by default)."""
        return self.facts.get("repeats", "confirmed") if self.again else self.delivery.kind


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
    """Headers, then text and HTML from `<kind>.<language>` templates; `variant` picks a
    subject of its own (`cancelled.lapsed`)."""
    language, kind = out.delivery.language, out.kind
    values = {
        "name": out.delivery.recipient_name,
        "event": out.event,
        "language": language,
        "mode": out.facts.get("mode", "in_person"),
        "manage_url": out.facts.get("manage_url"),
        "again": out.again,
        **context,
    }
    title = one_line(out.event.title)
    email = _headers(out, subject(variant or kind, language, title=title))
    email.set_content(render_text(kind, language, values))
    email.add_alternative(render_html(kind, language, values), subtype="html")
    return email


def with_invite(email: EmailMessage, out: Outgoing, method: Method) -> EmailMessage:
    """Add the invite as a calendar alternative (its `method=` equal to the METHOD inside)
    and as an .ics attachment. CANCEL withdraws the entry: same UID, SEQUENCE one higher;
    REQUEST carries the alarm."""
    delivery = out.delivery
    vevent = build_vevent(
        out.event,
        uid=invite_uid(out.event.id, delivery.recipient_email, out.domain),
        now=out.now,
        organizer_email=out.organizer_email,
        attendee=Attendee(email=delivery.recipient_email, name=one_line(delivery.recipient_name)),
        cancelled=method == "CANCEL",
        alarm=INVITE_ALARM if method == "REQUEST" else None,
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


def _headers(out: Outgoing, subject_line: str) -> EmailMessage:
    delivery = out.delivery
    email = EmailMessage(policy=POLICY)
    email["From"] = out.mail_from
    email["To"] = Address(one_line(delivery.recipient_name), addr_spec=delivery.recipient_email)
    email["Subject"] = subject_line
    email["Date"] = format_datetime(out.now)
    email["Message-ID"] = delivery.message_id
    email["Auto-Submitted"] = "auto-generated"
    return email
