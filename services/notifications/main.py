"""The composition root of the notifications service: consumers queue deliveries and schedule
mail, the scheduler releases scheduled mail when due, the sender mails deliveries."""

from pathlib import Path

from fastapi import FastAPI

from services.notifications.context import NotificationsContext
from services.notifications.settings import NotificationsSettings
from services.notifications.texts import CATALOGS
from services.notifications.web.routes import deliveries
from services.notifications.workers.consumers import consumers
from services.notifications.workers.metrics import delivery_gauges
from services.notifications.workers.scheduler import run_scheduler
from services.notifications.workers.sender import run_sender
from shared.web.app import build_app
from shared.web.templating import Pages

HERE = Path(__file__).parent


def create_app(settings: NotificationsSettings | None = None) -> FastAPI:
    return build_app(
        settings or NotificationsSettings(),
        title="convegni: notifications",
        home=HERE,
        context=NotificationsContext,
        pages=Pages(HERE / "web" / "templates", CATALOGS),
        routers=deliveries.ROUTERS,
        consumers=consumers,
        tasks=(run_sender, run_scheduler),
        scrapers=(delivery_gauges,),
    )
