"""Settings of the notifications service (environment variables, safe local defaults)."""

from pydantic import Field, SecretStr

from shared.settings import DEVELOPMENT_SECRET, ServiceSettings


class NotificationsSettings(ServiceSettings):
    service_name: str = "notifications"
    port: int = 8003
    database_url: str = "sqlite+aiosqlite:///var/notifications.db"
    smtp_host: str = "127.0.0.1"
    """The SMTP server (or relay) every email goes to."""
    smtp_port: int = 1025
    """Its port (587 with STARTTLS, 465 with implicit TLS)."""
    smtp_starttls: bool = False
    """Upgrade the connection with STARTTLS."""
    smtp_implicit_tls: bool = False
    """Connect over TLS from the start (port 465)."""
    smtp_username: str | None = None
    """Login at the SMTP server; none: no login."""
    smtp_password: SecretStr | None = None
    """Password of that login."""
    smtp_timeout_seconds: float = 30.0
    """An SMTP conversation silent this long fails (and is retried), and a DATA exchange
    lasts at most this long. An email whose DATA began is held by its sender for twice this:
    a replica that died after DATA has its email sent again (same Message-ID) that much
    later."""
    smtp_connections: int = Field(default=4, ge=1)
    """SMTP connections each process sends over at once, one email in flight on each. The
    sending rate and the leases hold across them; after a crash, at most this many emails
    (those in flight) may reach their person twice."""
    mail_from: str = "Convegni <noreply@convegni.localhost>"
    """The From: of every email."""
    organizer_email: str = "noreply@convegni.localhost"
    """ORGANIZER of the invites: replies to them would go there, so a no-reply address on
    purpose."""
    retry_schedule_seconds: tuple[float, ...] = (30, 120, 600, 1800, 3600, 7200, 14400, 28800)
    """Seconds before each retry of a temporary SMTP failure (a JSON list); after the last
    one the email is failed, visible in the delivery log."""
    sending_lease_seconds: float = 120.0
    """How long a sender holds a batch of emails it claimed and has not begun sending; a
    replica's claim that ran out (its process died) is taken over by another. A take-over
    never makes a second copy (a sender begins an email only if its claim was not taken
    over): this only says how soon a dead replica's batch is picked up."""
    sender_poll_seconds: float = 0.5
    """How often the sender looks for due emails when nothing woke it."""
    sending_rate_per_second: float = 0.0
    """At most this many emails per second leave (0: as fast as the server takes them), for
    providers that throttle or bounce bursts. Per process: N replicas send up to N times
    that. Keep it above 2 / SENDING_LEASE_SECONDS, so that a claimed email leaves within its
    lease."""
    scheduler_poll_seconds: float = 5.0
    """How often reminders and other scheduled emails are checked for being due."""
    ops_token: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    """Operators' token for the delivery log and its retry button (Authorization: Bearer, or
    the "ops" cookie set by /deliveries/login)."""
    ops_cookie_hours: float = 12.0
    """How long the "ops" cookie of the delivery page lasts."""
