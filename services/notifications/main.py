"""The notifications service app: consumers queue deliveries and schedule mail, the scheduler
releases scheduled mail when due, the sender mails deliveries."""

from pathlib import Path

from fastapi import FastAPI

from services.notifications.settings import NotificationsSettings
from services.notifications.web.routes import deliveries
from services.notifications.workers.consumers import consumers
from services.notifications.workers.metrics import delivery_gauges
from services.notifications.workers.scheduler import run_scheduler
from services.notifications.workers.sender import run_sender
from shared.web import health, metrics
from shared.web.observation import RequestObservation
from shared.web.service import service_lifespan

HERE = Path(__file__).parent


def create_app(settings: NotificationsSettings | None = None) -> FastAPI:
    settings = settings or NotificationsSettings()
    app = FastAPI(
        title="convegni: notifications",
        lifespan=service_lifespan(
            settings,
            migrations_dir=HERE / "storage" / "migrations",
            consumers=consumers,
            tasks=(run_sender, run_scheduler),
            scrapers=(delivery_gauges,),
        ),
    )
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.include_router(deliveries.router)
    app.add_middleware(RequestObservation, log_every_request=settings.access_log)
    return app
