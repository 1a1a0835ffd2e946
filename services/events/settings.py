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
