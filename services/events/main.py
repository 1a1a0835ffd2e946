"""The composition root of the events service: its app, context, routes and its one
consumer (the availability registrations publishes); what it publishes leaves through the
outbox relay that every service runs."""

from pathlib import Path

from fastapi import FastAPI

from services.events.context import EventsContext
from services.events.settings import EventsSettings
from services.events.texts import CATALOGS
from services.events.web.routes import (
    admin_api,
    calendars,
    console,
    directory_api,
    embed,
    feeds,
    legal_pages,
    materials,
    organizer_api,
    pages,
    programme_import_api,
    public_api,
)
from services.events.workers.consumers import consumers
from services.events.workers.webhooks import run_webhooks
from shared.rate_windows import forget_idle_windows
from shared.web.app import build_app
from shared.web.templating import Pages

HERE = Path(__file__).parent
ROUTERS = (
    admin_api.router,
    organizer_api.router,
    programme_import_api.router,
    directory_api.router,
    public_api.router,
    calendars.router,
    feeds.router,
    embed.router,
    *console.ROUTERS,
    legal_pages.router,
    materials.router,
    pages.router,
)


def create_app(settings: EventsSettings | None = None) -> FastAPI:
    return build_app(
        settings or EventsSettings(),
        title="convegni: events",
        home=HERE,
        context=EventsContext,
        pages=Pages(HERE / "web" / "templates", CATALOGS),
        routers=ROUTERS,
        consumers=consumers,
        tasks=(forget_idle_windows, run_webhooks),
    )
