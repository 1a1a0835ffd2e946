"""Settings of the events service (environment variables, safe local defaults)."""

from pydantic import SecretStr

from shared.settings import DEVELOPMENT_SECRET, ServiceSettings


class EventsSettings(ServiceSettings):
    service_name: str = "events"
    port: int = 8001
    database_url: str = "sqlite+aiosqlite:///var/events.db"
    # The organizer API's bearer token until organizer accounts arrive.
    organizer_token: SecretStr = SecretStr(DEVELOPMENT_SECRET)
