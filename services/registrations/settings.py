"""Settings of the registrations service (environment variables, safe local defaults)."""

from shared.settings import ServiceSettings


class RegistrationsSettings(ServiceSettings):
    service_name: str = "registrations"
    port: int = 8002
    database_url: str = "sqlite+aiosqlite:///var/registrations.db"
    # Form submissions per client address per minute; 0 turns the limit off (load tests).
    rate_limit_per_minute: int = 20
    sweep_seconds: float = 15.0  # how often opt-ins and offers are checked for lapsing
    erase_every_seconds: float = 3600.0  # how often retention is applied
