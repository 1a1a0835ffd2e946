"""The events service app: create_app(settings) wires routes, pages and the bus."""

from pathlib import Path

from fastapi import FastAPI

from services.events.settings import EventsSettings
from services.events.texts.pages import MESSAGES
from services.events.web.routes import (
    admin_api,
    calendars,
    console,
    directory_api,
    organizer_api,
    pages,
    public_api,
)
from shared.web import health, metrics
from shared.web.assets import mount_assets
from shared.web.errors import install_error_handlers
from shared.web.limits import BodySizeLimit
from shared.web.observation import RequestObservation
from shared.web.service import service_lifespan
from shared.web.templating import Pages

HERE = Path(__file__).parent


def create_app(settings: EventsSettings | None = None) -> FastAPI:
    settings = settings or EventsSettings()
    app = FastAPI(
        title="convegni: events",
        lifespan=service_lifespan(settings, migrations_dir=HERE / "storage" / "migrations"),
    )
    app.state.pages = Pages(HERE / "web" / "templates", MESSAGES)
    routers = (
        health.router,
        metrics.router,
        admin_api.router,
        organizer_api.router,
        directory_api.router,
        public_api.router,
        calendars.router,
        console.router,
        pages.router,
    )
    for router in routers:
        app.include_router(router)
    mount_assets(app, settings.assets_dir)
    install_error_handlers(app, app.state.pages)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    # Outermost, so that refusals of the body limit are counted and logged too.
    app.add_middleware(RequestObservation, log_every_request=settings.access_log)
    return app
