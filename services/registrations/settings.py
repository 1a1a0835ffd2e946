"""Settings of the registrations service (environment variables, safe local defaults)."""

from shared.settings import ServiceSettings


class RegistrationsSettings(ServiceSettings):
    service_name: str = "registrations"
    port: int = 8002
    database_url: str = "sqlite+aiosqlite:///var/registrations.db"
