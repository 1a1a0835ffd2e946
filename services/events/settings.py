"""Settings of the events service (environment variables, safe local defaults)."""

from pydantic import SecretStr

from shared.settings import DEVELOPMENT_SECRET, ServiceSettings


class EventsSettings(ServiceSettings):
    service_name: str = "events"
    port: int = 8001
    database_url: str = "sqlite+aiosqlite:///var/events.db"
    # The platform operator's key: creates organizations and their first members.
    admin_token: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    session_hours: float = 12.0
    # Failed console logins per client address per minute before it must wait (0: no limit).
    login_failures_per_minute: int = 10
    # Secure cookies need HTTPS; local runs are plain HTTP.
    secure_cookies: bool = False
    # Public pages may be cached this long by browsers and proxies (they revalidate by ETag).
    page_max_age_seconds: int = 60
    # Where people report accessibility problems of the installation (its accessibility
    # statement; AgID asks for one). Empty: the statement says none is given yet.
    accessibility_email: str = ""
    # Who runs this installation, for the legal notes (empty: said as not given yet).
    operator_name: str = ""
