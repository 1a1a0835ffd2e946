"""The organizers' page of an event's registration settings (/organizer/events/<slug>/settings):
waitlist, double opt-in, the hours each waits, retention, the cancellation policy; the
privacy notice in force is shown with links to it and its editor. Editors only; CSRF field."""

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from services.registrations.domain.inputs import SettingsShape
from services.registrations.domain.privacy import event_notice_path, is_ours
from services.registrations.usecases import form_definition
from services.registrations.web.routes.organizer_pages import Desk, EditorDeskDep, OrganizerRoute
from shared.catalogs import N_

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)

FLAGS = ("waitlist", "double_opt_in")
NUMBERS = ("offer_hours", "confirm_hours", "near_event_hours", "retention_days")
TEXTS = ("cancellation_policy_it", "cancellation_policy_en")
FIELDS = (*FLAGS, *NUMBERS, *TEXTS)  # in the page's order, for the error summary
# How to fix each field (the flags cannot be wrong: a box is ticked or not).
FIXES = {
    "offer_hours": N_("settings_error_hours"),
    "confirm_hours": N_("settings_error_hours"),
    "near_event_hours": N_("settings_error_near_event_hours"),
    "retention_days": N_("settings_error_retention_days"),
    "cancellation_policy_it": N_("settings_error_policy"),
    "cancellation_policy_en": N_("settings_error_policy"),
}


@router.get("/organizer/events/{slug}/settings", response_class=HTMLResponse)
async def settings_page(at: EditorDeskDep) -> HTMLResponse:
    """The settings as saved (defaults until an organizer changes them)."""
    shape = await _saved(at)
    return await _page(at, _values(shape))


@router.post("/organizer/events/{slug}/settings")
async def save_settings(at: EditorDeskDep) -> Response:
    """Save the settings; the questions stay as they are. A problem: nothing is saved."""
    form = await at.form()
    values = {name: str(form.get(name) or "").strip() for name in (*NUMBERS, *TEXTS)}
    values |= {name: "on" if form.get(name) else "" for name in FLAGS}
    current = form_definition.describe(
        await form_definition.get_form(session=at.session, event_id=at.event.event_id)
    )
    typed = {**values, **{name: _number(values[name]) for name in NUMBERS}}
    typed |= {name: bool(values[name]) for name in FLAGS}
    try:
        settings = SettingsShape.model_validate({**current.settings.model_dump(), **typed})
    except ValidationError as error:
        return await _page(at, values, errors=_problems(error), status_code=422)
    given = current.model_copy(update={"settings": settings})
    await form_definition.save_form(session=at.session, event_id=at.event.event_id, given=given)
    at.ctx.relay.wake()
    return at.see_other("/settings", done="saved")


async def _saved(at: Desk) -> SettingsShape:
    definition = await form_definition.get_form(session=at.session, event_id=at.event.event_id)
    return form_definition.describe(definition).settings


def _number(typed: str) -> object:
    """A number as typed (a comma for decimals too); left as text when it is not one, so that
    the check says so on its field."""
    try:
        number = float(typed.replace(",", "."))
    except ValueError:
        return typed
    return int(number) if number.is_integer() else number


def _values(shape: SettingsShape) -> dict[str, str]:
    values = {name: "on" if getattr(shape, name) else "" for name in FLAGS}
    values |= {name: f"{getattr(shape, name):g}" for name in NUMBERS}
    return values | {name: str(getattr(shape, name)) for name in TEXTS}


def _problems(error: ValidationError) -> dict[str, str]:
    """The settings' problems by field, each a catalog key saying how to fix it."""
    found = {str(p["loc"][0]) for p in error.errors() if p["loc"]}
    return {name: FIXES[name] for name in FIELDS if name in found}


async def _page(
    at: Desk, values: dict[str, str], *, errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    shape = await _saved(at)
    ours = is_ours(shape.privacy_notice_url)
    context: dict[str, Any] = {
        "values": values,
        "errors": errors or {},
        "fields": FIELDS,
        "notice": {
            "ours": ours,
            "version": at.event.privacy_version if ours else shape.privacy_notice_version,
            "url": event_notice_path(at.event.slug, None) if ours else shape.privacy_notice_url,
        },
        "done": at.request.query_params.get("done"),
        "section": "settings",
    }
    return at.render("organizer_settings.html", context, status_code=status_code)
