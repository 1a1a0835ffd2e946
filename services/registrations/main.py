"""The composition root of the registrations service: its app, context, routes and workers."""

from pathlib import Path

from fastapi import FastAPI

from services.registrations.context import RegistrationsContext
from services.registrations.settings import RegistrationsSettings
from services.registrations.texts import CATALOGS
from services.registrations.web.routes import (
    api,
    attendance_api,
    certificate_desk,
    certificate_images_desk,
    certificate_pages,
    certificates_api,
    checkin,
    dashboard_pages,
    feeds,
    form_api,
    form_builder,
    form_pages,
    form_settings,
    manage_offers,
    manage_pages,
    manage_sessions,
    organizer_add,
    organizer_api,
    organizer_exports,
    organizer_pages,
    privacy_api,
    privacy_editor,
    privacy_pages,
    questionnaire_api,
    questionnaire_desk,
    questionnaire_pages,
    sessions_api,
)
from services.registrations.workers.consumers import consumers
from services.registrations.workers.sweeper import run_sweeper
from shared.rate_windows import forget_idle_windows
from shared.web.app import build_app
from shared.web.templating import Pages

HERE = Path(__file__).parent
ROUTERS = (
    api.router,
    form_api.router,
    organizer_api.router,
    privacy_api.router,
    checkin.router,
    attendance_api.router,
    sessions_api.router,
    certificates_api.router,
    questionnaire_api.router,
    questionnaire_pages.router,
    certificate_pages.router,
    certificate_desk.router,
    certificate_images_desk.router,
    questionnaire_desk.router,
    dashboard_pages.router,
    feeds.router,
    form_pages.router,
    manage_offers.router,  # before the manage pages, as when they included it
    manage_pages.router,
    manage_sessions.router,
    organizer_pages.router,
    organizer_add.router,
    organizer_exports.router,
    form_settings.router,
    form_builder.router,
    privacy_editor.router,
    privacy_pages.router,
)


def create_app(settings: RegistrationsSettings | None = None) -> FastAPI:
    return build_app(
        settings or RegistrationsSettings(),
        title="convegni: registrations",
        home=HERE,
        context=RegistrationsContext,
        pages=Pages(HERE / "web" / "templates", CATALOGS),
        routers=ROUTERS,
        consumers=consumers,
        tasks=(run_sweeper, forget_idle_windows),
    )
