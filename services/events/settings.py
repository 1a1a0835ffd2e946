"""Settings of the events service (environment variables, safe local defaults)."""

from pydantic import SecretStr

from shared.settings import DEVELOPMENT_SECRET, ServiceSettings


class EventsSettings(ServiceSettings):
    service_name: str = "events"
    port: int = 8001
    database_url: str = "sqlite+aiosqlite:///var/events.db"
    admin_token: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    """The platform operator's bearer token for /api/admin/...: creates organizations, their
    first members and their API tokens."""
    session_hours: float = 12.0
    """How long a console login lasts."""
    login_failures_per_minute: int = 10
    """Failed console logins per client address in a minute before it must wait (0: no
    limit). Counted in the database, so all replicas together allow it once."""
    secure_cookies: bool = False
    """Console cookies get the Secure flag: set `true` behind HTTPS (local runs are plain
    HTTP)."""
    page_max_age_seconds: int = 60
    """Public pages may be cached this long by browsers and proxies (they revalidate by
    ETag)."""
    accessibility_email: str = ""
    """Where people report accessibility problems of the installation (its accessibility
    statement; AgID asks for one). Empty: the statement says none is given yet."""
    operator_name: str = ""
    """Who runs this installation, for the legal notes (empty: said as not given yet)."""
    webhook_retry_schedule_seconds: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000)
    """Seconds before each retry of a webhook delivery that failed (a JSON list; each delay
    varied by up to a tenth either way, so that retries do not arrive in step). A delivery
    whose last retry fails too is failed, and its endpoint is turned off, its organization's
    owners emailed (docs/webhooks.md)."""
    webhook_timeout_seconds: float = 15.0
    """How long a webhook endpoint has to answer a delivery before the attempt counts as
    failed."""
    webhook_allow_local_http: bool = False
    """Webhook endpoints may be plain-HTTP addresses on this machine (http://localhost,
    http://127.0.0.1): for development and tests. Otherwise only https:// is accepted."""
    webhook_poll_seconds: float = 1.0
    """How often the webhook sender looks for deliveries that came due."""
