"""The organizers' page of an event's certificates of attendance (/organizer/events/<slug>/
certificates): each person's attendance against the minimum, the certificates' settings and
the feedback questionnaire (editors), closing attendance (once), the certificates issued
with their codes, and revoking one. Forms carry the CSRF field; a problem saves nothing."""

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from services.registrations.domain.certificate_images import LOGO, SIGNATURES
from services.registrations.domain.questionnaire import STANDARD, Question
from services.registrations.usecases import certificates, online_attendance, questionnaire
from services.registrations.usecases.attendance import attendance_by_person
from services.registrations.web.routes.organizer_pages import (
    Desk,
    DeskDep,
    EditorDeskDep,
    OrganizerRoute,
)
from services.registrations.web.schemas import CertificateSettingsIn, person_name
from shared.catalogs import N_
from shared.errors import Conflict, Invalid

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)

PAGE = "/certificates"
HERE = N_("cert_desk_title")
SIGNATORIES = 3
FIELDS = ("minimum_percent", "credits", "accreditation", "signatories")
FIXES = {
    "minimum_percent": N_("cert_desk_error_minimum"),
    "credits": N_("cert_desk_error_credits"),
    "accreditation": N_("cert_desk_error_accreditation"),
    "signatories": N_("cert_desk_error_signatories"),
}
REFUSALS: dict[type[Exception], str] = {
    certificates.AttendanceClosed: N_("cert_desk_refused_closed"),
    certificates.NoCertificates: N_("cert_desk_refused_not_issued"),
    questionnaire.QuestionsFixed: N_("cert_desk_refused_questions_fixed"),
}
DONE = (
    N_("cert_desk_done_saved"),
    N_("cert_desk_done_closed"),
    N_("cert_desk_done_revoked"),
    N_("cert_desk_done_image"),
    N_("cert_desk_done_image_removed"),
)


@router.get("/organizer/events/{slug}/certificates", response_class=HTMLResponse)
async def certificates_page(at: DeskDep) -> HTMLResponse:
    settings = await certificates.settings_of(session=at.session, event_id=at.event.event_id)
    return await _page(at, _values(settings))


@router.post("/organizer/events/{slug}/certificates/settings")
async def save_settings(at: EditorDeskDep) -> Response:
    form = await at.form()
    values = {name: str(form.get(name) or "").strip() for name in _field_names()}
    values["issued"] = "on" if form.get("issued") else ""
    values["explain_shortfall"] = "on" if form.get("explain_shortfall") else ""
    signatories = [
        {"name": values[f"signatory_name_{n}"], "role": values[f"signatory_role_{n}"]}
        for n in range(1, SIGNATORIES + 1)
        if values[f"signatory_name_{n}"] or values[f"signatory_role_{n}"]
    ]
    try:
        given = CertificateSettingsIn(
            issued=bool(values["issued"]),
            minimum_share=_percent(values["minimum_percent"]),
            credits=values["credits"],
            accreditation=values["accreditation"],
            signatories=signatories,
            explain_shortfall=bool(values["explain_shortfall"]),
        )
    except ValidationError as error:
        return await _page(at, values, errors=_problems(error), status_code=422)
    await certificates.save_settings(
        session=at.session,
        event=at.event,
        issued=given.issued,
        minimum_share=given.minimum_share,
        credits=given.credits,
        accreditation=given.accreditation,
        signatories=[certificates.Signatory(s.name, s.role) for s in given.signatories],
        explain_shortfall=given.explain_shortfall,
    )
    return at.see_other(PAGE, done="cert_desk_done_saved")


@router.post("/organizer/events/{slug}/certificates/questionnaire")
async def save_questionnaire(at: EditorDeskDep) -> Response:
    """The standard questions ticked, in their order, and whether they are required."""
    form = await at.form()
    chosen = [Question(key, kind) for key, (kind, _) in STANDARD.items() if form.get(f"q_{key}")]
    try:
        await questionnaire.save_questionnaire(
            at.session,
            event=at.event,
            questions=chosen,
            required=bool(form.get("required")),
            links=at.links,
            now=datetime.now(UTC),
        )
    except Conflict as refused:
        return await _refused(at, _said(at, refused))
    at.ctx.relay.wake()  # certificates no longer held leave now
    return at.see_other(PAGE, done="cert_desk_done_saved")


@router.post("/organizer/events/{slug}/certificates/close")
async def close_attendance(at: EditorDeskDep) -> Response:
    await at.form()
    try:
        await certificates.close_attendance(
            session=at.session,
            event=at.event,
            links=at.links,
            now=datetime.now(UTC),
            actor=at.staff.actor,
        )
    except Conflict as refused:
        return await _refused(at, _said(at, refused))
    at.ctx.relay.wake()  # the certificates' facts leave now
    return at.see_other(PAGE, done="cert_desk_done_closed")


@router.post("/organizer/events/{slug}/certificates/online")
async def online_report(at: EditorDeskDep) -> Response:
    """The video platform's report of who attended online and how long (CSV)."""
    form = await at.form()
    sent = form.get("report")
    if not isinstance(sent, UploadFile) or not sent.filename:
        return await _refused(at, at.pages.translator(at.request)("cert_desk_online_none"), 422)
    try:
        recorded = await online_attendance.record_report(
            at.session,
            event=at.event,
            text=(await sent.read()).decode("utf-8-sig"),
            actor=at.staff.actor,
            now=datetime.now(UTC),
        )
    except UnicodeDecodeError:
        return await _refused(at, "The report must be a CSV file in UTF-8", 422)
    except (Invalid, Conflict) as refused:
        return await _refused(at, _said(at, refused), refused.status)
    settings = await certificates.settings_of(session=at.session, event_id=at.event.event_id)
    return await _page(at, _values(settings), online=recorded)


@router.post("/organizer/events/{slug}/certificates/{certificate_id}/revoke")
async def revoke(certificate_id: str, at: EditorDeskDep) -> Response:
    form = await at.form()
    reason = str(form.get("reason") or "").strip()[:500]
    await certificates.revoke(
        session=at.session,
        event=at.event,
        certificate_id=certificate_id,
        reason=reason,
        now=datetime.now(UTC),
        actor=at.staff.actor,
    )
    at.ctx.relay.wake()  # the audit log hears of it now
    return at.see_other(PAGE, done="cert_desk_done_revoked")


def _said(at: Desk, refused: Exception) -> str:
    """A refusal in the page's language where it has words for it, else as the use case says
    it (an online report's rows, named by number)."""
    key = REFUSALS.get(type(refused))
    return at.pages.translator(at.request)(key) if key else str(refused)


def _field_names() -> list[str]:
    people = [
        f"signatory_{part}_{n}" for n in range(1, SIGNATORIES + 1) for part in ("name", "role")
    ]
    return ["minimum_percent", "credits", "accreditation", *people]


def _percent(typed: str) -> object:
    """80 (or "80,5") as 0.8; left as typed when it is not a number, for the check to say."""
    try:
        return float(typed.replace(",", ".").rstrip("%")) / 100
    except ValueError:
        return typed


def _values(settings: Any) -> dict[str, str]:
    values = {
        "issued": "on" if settings.issued else "",
        "explain_shortfall": "on" if settings.explain_shortfall else "",
        "minimum_percent": f"{settings.minimum_share * 100:g}",
        "credits": settings.credits,
        "accreditation": settings.accreditation,
    }
    for n, given in enumerate(certificates.signatories_of(settings), start=1):
        values[f"signatory_name_{n}"], values[f"signatory_role_{n}"] = given.name, given.role
    return values


def _done(said: str | None) -> str | None:
    """What was done, as the redirect said it; only the page's own words."""
    return said if said in DONE else None


def _problems(error: ValidationError) -> dict[str, str]:
    found = {str(p["loc"][0]) for p in error.errors() if p["loc"]}
    found = {"minimum_percent" if name == "minimum_share" else name for name in found}
    return {name: FIXES[name] for name in FIELDS if name in found}


async def _refused(at: Desk, why: str, status_code: int = 409) -> HTMLResponse:
    await at.session.refresh(at.event)  # the refusal rolled back: the event is read again
    settings = await certificates.settings_of(session=at.session, event_id=at.event.event_id)
    return await _page(at, _values(settings), refusal=why, status_code=status_code)


def _image_slots(settings: Any) -> list[tuple[str, str, str]]:
    """(slot, whose signature or "" for the logo, the image's digest or "")."""
    signed = certificates.signatories_of(settings)
    return [(LOGO, "", settings.logo)] + [
        (SIGNATURES[n], s.name, s.signature) for n, s in enumerate(signed[: len(SIGNATURES)])
    ]


async def image_refused(at: Desk, key: str) -> HTMLResponse:
    """The page again, saying why the image was not taken (nothing of it kept)."""
    await at.session.rollback()
    await at.session.refresh(at.event)
    settings = await certificates.settings_of(session=at.session, event_id=at.event.event_id)
    return await _page(at, _values(settings), image_error=key, status_code=422)


async def _page(
    at: Desk,
    values: dict[str, str],
    *,
    errors: dict[str, str] | None = None,
    refusal: str | None = None,
    image_error: str | None = None,
    online: online_attendance.Recorded | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    event_id = at.event.event_id
    settings = await certificates.settings_of(session=at.session, event_id=event_id)
    scheduled, people = await attendance_by_person(session=at.session, event=at.event)
    asked, required = await questionnaire.questionnaire_of(at.session, event_id)
    issued = await certificates.issued_certificates(
        session=at.session, event=at.event, secret=at.links.secret
    )
    context: dict[str, Any] = {
        "section": "certificates",
        "here": HERE,
        "values": values,
        "errors": errors or {},
        "fields": FIELDS,
        "refusal": refusal,
        "online": online,
        "done": _done(at.request.query_params.get("done")),
        "settings": settings,
        "scheduled_minutes": int(scheduled.total_seconds() // 60),
        "attendance": [(person_name(found.registration), found.attendance) for found in people],
        "standard": STANDARD,
        "asked": {question.key for question in asked},
        "required": required,
        "issued": [(c, person_name(r), code) for c, r, code in issued],
        "signatories": range(1, SIGNATORIES + 1),
        "image_error": image_error,
        "image_slots": _image_slots(settings),
    }
    return at.render("certificate_desk.html", context, status_code=status_code)
