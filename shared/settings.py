"""Settings every service shares, read from the environment with safe local defaults."""

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# SQLite's PRAGMA synchronous levels a service may run with (see sqlite_synchronous).
Synchronous = Literal["NORMAL", "FULL", "EXTRA"]
# Placeholder secrets are fine on a developer's machine and refused anywhere else.
DEVELOPMENT_SECRET = "development-only-secret"


class ServiceSettings(BaseSettings):
    """Common settings; each service subclasses it with its own name, port and database."""

    model_config = SettingsConfigDict(extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    service_name: str = "convegni"
    host: str = "127.0.0.1"
    port: int = 8000
    database_url: str = "sqlite+aiosqlite:///var/convegni.db"
    # How SQLite makes a commit last (PRAGMA synchronous; PostgreSQL ignores it). FULL: a
    # commit returns once its WAL write is fsynced, so a power cut keeps it. NORMAL (faster)
    # may lose the last commits on a power cut (never on a crash of the process alone), and
    # each service acts on a commit as soon as it returns, where a loss cannot be taken back:
    # registrations answers 201 to a person (a promise of a seat) and publishes the fact;
    # notifications acknowledges the message to JetStream, which then never sends it again,
    # so a lost commit is an email never sent; events publishes its revisions from the outbox
    # (a lost commit would hand out a revision number twice). So FULL for all three; NORMAL
    # only where losing the last seconds is acceptable (a benchmark, a throwaway demo).
    sqlite_synchronous: Synchronous = "FULL"
    nats_url: str = "nats://127.0.0.1:4222"
    stream_replicas: int = 1
    events_public_url: str = "http://localhost:8001"
    registrations_public_url: str = "http://localhost:8002"
    assets_dir: str = "node_modules/bootstrap-italia/dist"
    # Chart.js from npm (its UMD build draws the organizers' dashboard), served at /static/charts.
    charts_dir: str = "node_modules/chart.js/dist"
    # Signs links and tokens; must be set in production.
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    # uvicorn worker processes. One on SQLite, whatever this says: SQLite lets one writer in
    # at a time, so a second process adds no throughput, only waiting (the bench saw p99 three
    # times worse) and a second copy of every import (~90 MiB). More processes are for
    # PostgreSQL; on SQLite a larger value is ignored with a warning in the log at start.
    workers: int = Field(default=1, ge=1)
    # How long an idle HTTP connection stays open. Longer than the proxy in front keeps its
    # idle connections (ingress-nginx 60 s, our Caddyfile 60 s): the proxy must be the one to
    # drop them, or a request it sends as the service closes the connection fails (a 502).
    keep_alive_seconds: int = 75
    # Requests that change something are always logged; every request only when this is on
    # (a line per request costs a tenth of a registration's CPU, and a proxy logs them anyway).
    access_log: bool = False
    # JSON lines for log collectors; text for a developer's terminal.
    log_format: Literal["json", "text"] = "json"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # OpenTelemetry spans: off, printed (console) or sent over OTLP/HTTP (otlp, configured by
    # the standard OTEL_EXPORTER_OTLP_* variables; needs `pip install .[tracing]`).
    tracing: Literal["off", "console", "otlp"] = "off"
    max_body_bytes: int = 2 * 1024 * 1024
    # Right-hand side of iCal UIDs and Message-IDs: never change it once invites are out.
    calendar_domain: str = "convegni.localhost"
    outbox_poll_seconds: float = 0.5
    consumer_max_deliver: int = 6
    # A message not acknowledged this long (its handler's process died) is delivered again.
    consumer_ack_wait_seconds: float = 30.0
    consumer_backoff_seconds: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0)

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
