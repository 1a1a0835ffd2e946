"""Settings every service shares, read from the environment with safe local defaults."""

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# SQLite's PRAGMA synchronous levels a service may run with (see sqlite_synchronous).
Synchronous = Literal["NORMAL", "FULL", "EXTRA"]
# Placeholder secrets are fine on a developer's machine and refused anywhere else.
DEVELOPMENT_SECRET = "development-only-secret"


class BusSettings(BaseSettings):
    """Where NATS is, for the services and for the operators' bus tools alike."""

    model_config = SettingsConfigDict(extra="ignore", use_attribute_docstrings=True)

    nats_url: str = "nats://127.0.0.1:4222"
    """NATS server(s), comma-separated."""
    stream_replicas: int = 1
    """Replicas of every JetStream stream (3 on a three-node cluster). The same on every
    service: each creates or updates all the streams when it starts."""


class ServiceSettings(BusSettings):
    """Common settings; each service subclasses it with its own name, port and database."""

    environment: Literal["development", "test", "production"] = "development"
    """`production` refuses to start while a secret is empty or the development placeholder."""
    service_name: str = "convegni"
    """The service's name in logs, metrics and NATS connections; leave it unset."""
    host: str = "127.0.0.1"
    """The address the HTTP server listens on (`0.0.0.0` in a container)."""
    port: int = 8000
    """The HTTP port."""
    database_url: str = "sqlite+aiosqlite:///var/convegni.db"
    """The service's own database: a SQLite file (relative to the working directory), or
    `postgresql+asyncpg://user:password@host:5432/name`."""
    sqlite_synchronous: Synchronous = "FULL"
    """How SQLite makes a commit last (PRAGMA synchronous; PostgreSQL ignores it). `FULL`: a
    commit returns once it is on disk, so a power cut keeps a registration answered 201.
    `NORMAL` is faster but may lose the last commits on a power cut (never on a crash of the
    process alone), and each service acts on a commit at once (a 201 to a person, an
    acknowledgement to JetStream, a published revision): keep `FULL` for anything but a
    benchmark or a throwaway demo."""
    events_public_url: str = "http://localhost:8001"
    """Where people reach the events service (links in pages and emails): the public origin
    behind a proxy."""
    registrations_public_url: str = "http://localhost:8002"
    """Where people reach the registrations service (the form, the links in emails)."""
    assets_dir: str = "node_modules/bootstrap-italia/dist"
    """Bootstrap Italia's files from npm, served at /static."""
    charts_dir: str = "node_modules/chart.js/dist"
    """Chart.js from npm (its UMD build draws the organizers' dashboard), served at
    /static/charts."""
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    """Signs links and tokens, also those in emails already sent: changing it breaks them."""
    workers: int = Field(default=1, ge=1)
    """uvicorn worker processes. One on SQLite, whatever this says: SQLite lets one writer in
    at a time, so a second process adds no throughput, only waiting (the bench saw p99 three
    times worse) and a second copy of every import (~90 MiB); a larger value is ignored there
    with a warning in the log at start. More processes are for PostgreSQL."""
    forwarded_allow_ips: str = "127.0.0.1"
    """The peers whose X-Forwarded-For is trusted (comma-separated addresses or networks):
    exactly the reverse proxy in front. Too narrow, and every client has the proxy's address
    and shares one rate limit and login throttle; too wide, and whoever reaches a service
    directly can claim any address and escape both. Never `*`."""
    keep_alive_seconds: int = 75
    """How long an idle HTTP connection stays open. Longer than the proxy in front keeps its
    idle connections (ingress-nginx 60 s, our Caddyfile 60 s): the proxy must be the one to
    drop them, or a request it sends as the service closes the connection fails (a 502)."""
    access_log: bool = False
    """Log every request; when off only requests that change something are logged (a line
    per request costs a tenth of a registration's CPU, and a proxy logs them anyway)."""
    log_format: Literal["json", "text"] = "json"
    """`json` lines for log collectors; `text` for a developer's terminal."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    """The lowest level logged."""
    tracing: Literal["off", "console", "otlp"] = "off"
    """OpenTelemetry spans: off, printed (console) or sent over OTLP/HTTP (otlp, configured
    by the standard OTEL_EXPORTER_OTLP_* variables; needs `pip install .[tracing]`)."""
    max_body_bytes: int = 2 * 1024 * 1024
    """Larger request bodies are refused with 413 before they are read."""
    max_upload_bytes: int = 20 * 1024 * 1024
    """The largest document an organizer may upload (a programme item's PDF); its form may
    be this large, plus a little, and every other body stays within MAX_BODY_BYTES."""
    calendar_domain: str = "convegni.localhost"
    """Right-hand side of iCal UIDs and Message-IDs: set it before the first invite goes out
    and never change it afterwards."""
    outbox_poll_seconds: float = 0.5
    """How often the outbox relay looks for facts to publish when nothing woke it."""
    consumer_max_deliver: int = 6
    """Deliveries of a message before it goes to the dead letters."""
    consumer_ack_wait_seconds: float = 30.0
    """A message not acknowledged this long (its handler's process died) is delivered
    again, to any replica."""
    consumer_backoff_seconds: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0)
    """Waits before each redelivery of a message whose handling failed (a JSON list)."""

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> "ServiceSettings":
        if self.environment == "production":
            for name, value in self.secret_fields().items():
                if not value or value == DEVELOPMENT_SECRET:
                    raise ValueError(f"{name.upper()} must be set to a real secret in production")
        return self

    @property
    def on_sqlite(self) -> bool:
        return self.database_url.split(":", 1)[0].split("+", 1)[0] == "sqlite"

    def processes(self) -> int:
        """How many processes serve: WORKERS, but one on SQLite (see `workers`)."""
        return 1 if self.on_sqlite else self.workers

    def secret_fields(self) -> dict[str, str]:
        """Every secret setting by name, so the production check covers subclasses too."""
        return {
            name: value.get_secret_value() for name, value in self if isinstance(value, SecretStr)
        }
