"""Signed links and the QR codes of tickets: stateless, so any replica can check them.

A link token is `<payload>.<signature>` in URL-safe base64, where the payload names the
registration, what the link is for, and until when it works.
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime

from shared.auth import constant_time_equal, signed


class LinkInvalid(Exception):
    """The link was altered, is for something else, or was never ours."""


class LinkExpired(Exception):
    """The link was ours but its time is over."""


@dataclass(frozen=True)
class Link:
    registration_id: str
    purpose: str
    expires_at: datetime | None


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _unb64(text: str) -> str:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()


def make_token(link: Link, *, secret: str) -> str:
    expires = int(link.expires_at.timestamp()) if link.expires_at else 0
    payload = _b64(f"{link.registration_id}|{link.purpose}|{expires}")
    return f"{payload}.{signed(payload, key=secret, purpose='link')[:32]}"


def read_token(token: str, *, purpose: str, secret: str, now: datetime) -> str:
    """The registration id behind a token for `purpose`; raises LinkInvalid or LinkExpired."""
    payload, _, signature = token.partition(".")
    expected = signed(payload, key=secret, purpose="link")[:32]
    if not signature or not constant_time_equal(signature, expected):
        raise LinkInvalid()
    try:
        registration_id, found_purpose, expires = _unb64(payload).split("|")
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise LinkInvalid() from exc
    if found_purpose != purpose:
        raise LinkInvalid()
    if int(expires) and datetime.fromtimestamp(int(expires), UTC) < now:
        raise LinkExpired()
    return registration_id


QR_PREFIX = "CVG1:"  # what tells a QR code's text from a short code typed at the door


def ticket_payload(registration_id: str, ticket_code: str, *, secret: str) -> str:
    """What the ticket's QR code holds: the registration and a signature over its code."""
    signature = signed(f"{registration_id}|{ticket_code}", key=secret, purpose="ticket")[:20]
    return f"{QR_PREFIX}{registration_id}:{signature}"


def read_ticket(payload: str) -> tuple[str, str]:
    """(registration id, signature) from a scanned code; the caller checks the signature."""
    parts = payload.strip().split(":")
    if len(parts) != 3 or f"{parts[0]}:" != QR_PREFIX:
        raise LinkInvalid()
    return parts[1], parts[2]
