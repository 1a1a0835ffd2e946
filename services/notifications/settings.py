"""Settings of the notifications service (environment variables, safe local defaults)."""

from pydantic import SecretStr

from shared.settings import DEVELOPMENT_SECRET, ServiceSettings


class NotificationsSettings(ServiceSettings):
    service_name: str = "notifications"
    port: int = 8003
    database_url: str = "sqlite+aiosqlite:///var/notifications.db"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_starttls: bool = False
    smtp_implicit_tls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = 30.0
    mail_from: str = "Convegni <noreply@convegni.localhost>"
    # Replies to invites would go to ORGANIZER; it is a no-reply address on purpose.
    organizer_email: str = "noreply@convegni.localhost"
    # Seconds before each retry of a temporary SMTP failure; after the last one: failed.
    retry_schedule_seconds: tuple[float, ...] = (30, 120, 600, 1800, 3600, 7200, 14400, 28800)
    sending_lease_seconds: float = 120.0
    sender_poll_seconds: float = 0.5
    # At most this many emails per second leave (0: as fast as the server takes them), for
    # providers that throttle or bounce bursts. Per process; keep it above
    # 2 / sending_lease_seconds, so that a claimed email leaves within its lease.
    sending_rate_per_second: float = 0.0
    # How often reminders and other scheduled emails are checked for being due.
    scheduler_poll_seconds: float = 5.0
    # Operators' token for the delivery log and its retry button (Authorization: Bearer, or
    # the "ops" cookie set by /deliveries/login); the placeholder is refused in production.
    ops_token: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    # How long the "ops" cookie of the delivery page lasts.
    ops_cookie_hours: float = 12.0
