"""What an organization's webhooks carry and how: the kinds of event an endpoint can take,
the addresses accepted, and the Standard Webhooks signature (webhook-id, webhook-timestamp,
webhook-signature: "v1," + base64 of HMAC-SHA256 over "{id}.{timestamp}.{body}" with the
secret's bytes). Pure rules: no HTTP, no database."""

import base64
import hashlib
import hmac
from urllib.parse import urlsplit

from shared.errors import Invalid

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32  # Standard Webhooks asks for 24 to 64
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
URL_MAX = 1000

# The kinds an endpoint may take, as the body's `type` says them, in the order forms list them.
KINDS = (
    "registration.confirmed",
    "registration.waitlisted",
    "registration.cancelled",
    "registration.checked_in",
    "certificate.issued",
    "event.published",
    "event.updated",
    "event.cancelled",
)


class WebhookRefused(Invalid):
    """An endpoint's address or kinds that cannot be accepted (a 422, said on the form)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def checked_url(url: str, *, allow_local_http: bool) -> str:
    """The endpoint's address, trimmed: https:// with a host; plain http:// only to this
    machine and only where the installation allows it (development, tests)."""
    url = url.strip()
    if not url or len(url) > URL_MAX or any(c.isspace() for c in url):
        raise WebhookRefused("url", "Give the endpoint's address, starting with https://")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or parts.username or parts.password:
        raise WebhookRefused("url", "Give the endpoint's address, starting with https://")
    if parts.scheme == "https":
        return url
    if parts.scheme == "http" and allow_local_http and host in LOCAL_HOSTS:
        return url
    raise WebhookRefused("url", "The endpoint's address must start with https://")


def checked_kinds(kinds: list[str] | tuple[str, ...]) -> list[str]:
    """The chosen kinds in KINDS's order; at least one, each known."""
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise WebhookRefused("kinds", f"Unknown kinds: {', '.join(unknown)}")
    chosen = [kind for kind in KINDS if kind in kinds]
    if not chosen:
        raise WebhookRefused("kinds", "Choose at least one kind of event")
    return chosen


def secret_from(random_bytes: bytes) -> str:
    """A signing secret as Standard Webhooks shows it: whsec_ and the bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(random_bytes).decode()


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The webhook-signature header: "v1," + base64(HMAC-SHA256(key, "{id}.{ts}.{body}"))."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The headers of one attempt: a new timestamp (and so signature) each attempt, the same
    webhook-id every time."""
    return {
        "content-type": "application/json",
        "user-agent": "convegni-webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }


def webhook_id(bus_message_id: str) -> str:
    """The webhook-id of the deliveries of one bus message: stable, no full stops."""
    return "msg_" + bus_message_id.replace("-", "")
