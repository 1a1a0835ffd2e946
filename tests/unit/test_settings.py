"""Settings: safe defaults locally, no placeholder secrets in production."""

import pytest
from pydantic import ValidationError

from services.events.settings import EventsSettings
from services.notifications.settings import NotificationsSettings

pytestmark = pytest.mark.unit


def test_settings_in_development_accept_the_placeholders(monkeypatch):
    monkeypatch.delenv("ENVIRONMENT", raising=False)

    settings = EventsSettings()

    assert settings.environment == "development"
    assert settings.port == 8001


@pytest.mark.parametrize("token", ["development-only-secret", ""])
def test_settings_in_production_refuse_a_placeholder_or_empty_token(monkeypatch, token):
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-from-the-vault")
    monkeypatch.setenv("ADMIN_TOKEN", token)

    with pytest.raises(ValidationError, match="ADMIN_TOKEN must be set"):
        EventsSettings()


def test_settings_in_production_start_with_real_secrets(monkeypatch):
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-from-the-vault")
    monkeypatch.setenv("ADMIN_TOKEN", "another-real-secret")

    settings = EventsSettings()

    assert settings.admin_token.get_secret_value() == "another-real-secret"


def test_settings_read_smtp_from_the_environment(monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "smtp.comune.crema.cr.it")
    monkeypatch.setenv("SMTP_PORT", "587")
    monkeypatch.setenv("SMTP_STARTTLS", "true")

    settings = NotificationsSettings()

    assert (settings.smtp_host, settings.smtp_port, settings.smtp_starttls) == (
        "smtp.comune.crema.cr.it",
        587,
        True,
    )


def test_settings_on_sqlite_serve_with_one_process_whatever_workers_says(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///var/registrations.db")
    monkeypatch.setenv("WORKERS", "4")

    settings = EventsSettings()

    assert (settings.workers, settings.processes()) == (4, 1)


def test_settings_on_postgresql_serve_with_as_many_processes_as_workers_says(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://postgres@db:5432/events")
    monkeypatch.setenv("WORKERS", "4")

    settings = EventsSettings()

    assert settings.processes() == 4


def test_settings_refuse_zero_workers(monkeypatch):
    monkeypatch.setenv("WORKERS", "0")

    with pytest.raises(ValidationError, match="workers"):
        EventsSettings()
