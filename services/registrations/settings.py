"""Settings of the registrations service (environment variables, safe local defaults)."""

from shared.settings import ServiceSettings


class RegistrationsSettings(ServiceSettings):
    service_name: str = "registrations"
    port: int = 8002
    database_url: str = "sqlite+aiosqlite:///var/registrations.db"
    rate_limit_per_minute: int = 20
    """Form and API registrations per client address in a minute (0: no limit, for load
    tests). Counted in the database, so all replicas together allow it once."""
    sweep_seconds: float = 15.0
    """How often lapsed opt-ins and seat offers are looked for (and their seats passed on)."""
    erase_every_seconds: float = 3600.0
    """How often personal data past the retention period is erased."""
