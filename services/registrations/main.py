"""The registrations service app: the public form, self-service, organizers and check-in."""

from pathlib import Path

from fastapi import FastAPI

from services.registrations import manage_messages, organizer_messages
from services.registrations.settings import RegistrationsSettings
from services.registrations.texts.form import MESSAGES
from services.registrations.web.routes import (
    api,
    checkin,
    feeds,
    form_api,
    form_pages,
    manage_pages,
    organizer_api,
    organizer_pages,
)
from services.registrations.workers.consumers import consumers
from services.registrations.workers.sweeper import run_sweeper
from shared.web import health, metrics
from shared.web.assets import mount_assets
from shared.web.errors import install_error_handlers
from shared.web.limits import BodySizeLimit
from shared.web.observation import RequestObservation
from shared.web.service import service_lifespan
from shared.web.templating import Pages

HERE = Path(__file__).parent
ROUTERS = (
    health.router,
    metrics.router,
    api.router,
    form_api.router,
    organizer_api.router,
    checkin.router,
    feeds.router,
    form_pages.router,
    manage_pages.router,
    organizer_pages.router,
)


def create_app(settings: RegistrationsSettings | None = None) -> FastAPI:
    settings = settings or RegistrationsSettings()
    app = FastAPI(
        title="convegni: registrations",
        lifespan=service_lifespan(
            settings,
            migrations_dir=HERE / "storage" / "migrations",
            consumers=consumers,
            tasks=(run_sweeper,),
        ),
    )
    catalog = {**MESSAGES, **manage_messages.MESSAGES, **organizer_messages.MESSAGES}
    app.state.pages = Pages(HERE / "web" / "templates", catalog)
    for router in ROUTERS:
        app.include_router(router)
    mount_assets(app, settings.assets_dir)
    install_error_handlers(app, app.state.pages)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    # Outermost, so that refusals of the body limit are counted and logged too.
    app.add_middleware(RequestObservation, log_every_request=settings.access_log)
    return app
