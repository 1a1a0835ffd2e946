"""A person's own registration, reached by the signed link in their emails (no login): see it,
carry the ticket, add it to a calendar, switch how they attend, cancel, take their data,
download their certificate of attendance."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.context import CtxDep
from services.registrations.domain.registration_life import ACTIVE, Status, modes_of
from services.registrations.domain.ticket_codes import spoken
from services.registrations.storage.tables import Answer, EventCopy, Question, Registration
from services.registrations.usecases import (
    agendas,
    certificate_download,
    questionnaire,
    self_service,
)
from services.registrations.usecases.event_copy import form_settings
from services.registrations.usecases.seats import seat_counts, waitlist_place
from services.registrations.web.routes import manage_calendar as calendar
from services.registrations.web.routes.manage_links import (
    LinkPageRoute,
    about_event,
    check_form_token,
    open_for,
)
from services.registrations.web.routes.manage_ticket import qr_payload, ticket
from services.registrations.web.session_picks import sessions_context
from shared.certificate_pdf import filename, fonts_in
from shared.contracts import EventSnapshotV1
from shared.errors import Conflict
from shared.web.deps import PagesDep, SessionDep
from shared.web.i18n import DEFAULT_LANGUAGE, pick_language

router = APIRouter(include_in_schema=False, route_class=LinkPageRoute)


async def open_registration(
    session: AsyncSession, ctx: CtxDep, token: str
) -> tuple[Registration, EventCopy]:
    secret = ctx.settings.secret_key.get_secret_value()
    registration_id = open_for(token, "manage", secret=secret, now=datetime.now(UTC))
    return await self_service.load(session, registration_id)


@router.get("/r/{token}", response_class=HTMLResponse)
async def manage(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    registration, event = await open_registration(session, ctx, token)
    snapshot = calendar.snapshot_of(event)
    context: dict[str, object] = {
        **about_event(ctx, event, request),
        "token": token,
        "registration": registration,
        "active": registration.status in ACTIVE,
        "switch_to": _switch_to(registration, event),
        "switched": request.query_params.get("done") == "mode",
    }
    settings = await form_settings(session, event.event_id)
    context["policy"] = settings.cancellation_policy(pages.language(request))
    if registration.status == Status.WAITLISTED:
        context["place"] = await waitlist_place(session, registration)
    if registration.status == Status.OFFERED:
        context["accept_url"] = ctx.links.accept(registration)
    if registration.status == Status.CONFIRMED:
        context.update(_confirmed(request, pages, ctx, registration, snapshot))
    context["certificate"] = await certificate_download.held_certificate(session, registration)
    context["questionnaire"] = await _questionnaire_offer(session, registration, snapshot)
    said = request.query_params.get("sessions")
    context |= await sessions_context(session, registration, event, said)
    return pages.render(request, "manage_registration.html", context)


async def _questionnaire_offer(
    session: AsyncSession, registration: Registration, snapshot: EventSnapshotV1
) -> str | None:
    """What the page says of the feedback questionnaire, to a confirmed person who has not
    answered it: that their certificate waits for it, or (once the event began) an invite."""
    if registration.status != Status.CONFIRMED:
        return None
    questions, _ = await questionnaire.questionnaire_of(session, registration.event_id)
    if not questions or await questionnaire.has_answered(session, registration):
        return None
    if await certificate_download.waiting_certificate(session, registration):
        return "manage_questionnaire_for_certificate"
    return "questionnaire_title" if snapshot.starts_at <= datetime.now(UTC) else None


def _switch_to(registration: Registration, event: EventCopy) -> str | None:
    """The other way of attending, offered only to a confirmed person at a hybrid event, and
    only while it has a free seat (a switch never waits in line: it would fail)."""
    if event.attendance_mode != "hybrid" or registration.status != Status.CONFIRMED:
        return None
    other = next(m for m in modes_of(event.attendance_mode) if m != registration.mode)
    taken, capacity = seat_counts(event, other)
    return other if capacity is not None and taken < capacity else None


def _confirmed(
    request: Request,
    pages: PagesDep,
    ctx: CtxDep,
    registration: Registration,
    snapshot: EventSnapshotV1,
) -> dict[str, object]:
    # No feed once the data is erased: the feed id went with it.
    feed = calendar.feed_url(ctx.settings, registration.feed_id) if registration.feed_id else None
    online = registration.mode == "online" and snapshot.online_url
    return {
        **ticket(request, pages, ctx, registration),
        "google_url": calendar.google_url(snapshot),
        "outlook_url": calendar.outlook_url(snapshot),
        "feed_url": feed,
        "webcal_url": calendar.webcal(feed) if feed else None,
        "online_url": snapshot.online_url if online else None,
    }


@router.get("/r/{token}/event.ics")
async def event_ics(token: str, session: SessionDep, ctx: CtxDep) -> Response:
    """The registration as a calendar file, merging with the emailed invite (same UID)."""
    registration, event = await open_registration(session, ctx, token)
    standing = (await agendas.standings(session, [registration.id])).get(registration.id)
    body = calendar.registration_ics(
        registration, event, standing, domain=ctx.settings.calendar_domain, now=datetime.now(UTC)
    )
    disposition = f'attachment; filename="{event.slug}.ics"'
    return Response(
        body, media_type=calendar.CALENDAR, headers={"Content-Disposition": disposition}
    )


@router.get("/r/{token}/certificate.pdf")
async def certificate_pdf(token: str, session: SessionDep, ctx: CtxDep) -> Response:
    """The person's certificate of attendance, as the email carried it."""
    registration, event = await open_registration(session, ctx, token)
    document = await certificate_download.certificate_document(
        session,
        registration=registration,
        event=event,
        links=ctx.links,
        fonts=fonts_in(ctx.settings.assets_dir),
    )
    disposition = f'attachment; filename="{filename(registration.language)}"'
    return Response(
        document, media_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@router.post("/r/{token}/mode")
async def switch_mode(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> Response:
    """Switch, then back to the page; a refusal (the other way filled up meanwhile) keeps the
    page's header and a way back."""
    form = await check_form_token(request, token)
    registration, event = await open_registration(session, ctx, token)
    heading = about_event(ctx, event, request)  # read now: a refusal rolls back, expiring the rows
    try:
        await self_service.switch_mode(
            session=session,
            registration_id=registration.id,
            to=form.get("to", ""),
            now=datetime.now(UTC),
            links=ctx.links,
        )
    except Conflict:
        context = {
            **heading,
            "heading": "manage_switch_refused",
            "text": "manage_switch_refused_text",
            "tone": "warning",
            "manage_url": f"/r/{token}",
        }
        return pages.render(request, "manage_notice.html", context, status_code=409)
    ctx.relay.wake()
    language = pick_language(request)
    lang = "" if language == DEFAULT_LANGUAGE else f"&lang={language}"
    return RedirectResponse(f"/r/{token}?done=mode{lang}", status_code=303)


@router.get("/r/{token}/cancel", response_class=HTMLResponse)
async def cancel_form(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    registration, event = await open_registration(session, ctx, token)
    context = {
        **about_event(ctx, event, request),
        "token": token,
        "active": registration.status in ACTIVE,
    }
    return pages.render(request, "manage_cancel.html", context)


@router.post("/r/{token}/cancel", response_class=HTMLResponse)
async def cancel(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    await check_form_token(request, token)
    registration, event = await open_registration(session, ctx, token)
    await self_service.cancel(
        session=session,
        registration_id=registration.id,
        now=datetime.now(UTC),
        links=ctx.links,
    )
    ctx.relay.wake()
    context = {
        **about_event(ctx, event, request),
        "heading": "manage_status_cancelled",
        "text": "manage_cancelled_text",
        "manage_url": f"/r/{token}",
        "form_url": f"/events/{event.slug}/register",
    }
    return pages.render(request, "manage_notice.html", context)


@router.get("/r/{token}/data.json")
async def my_data(token: str, session: SessionDep, ctx: CtxDep) -> JSONResponse:
    """Everything stored about this registration, for the person to keep (GDPR art. 15, 20)."""
    registration, event = await open_registration(session, ctx, token)
    found = await session.exec(
        select(Answer, Question)
        .join(Question, col(Question.id) == col(Answer.question_id))
        .where(Answer.registration_id == registration.id)
        .order_by(col(Question.position))
    )
    answers = [
        {
            "question_id": a.question_id,
            "label_it": q.label_it,
            "label_en": q.label_en,
            "value": a.value,
        }
        for a, q in found.all()
    ]
    body = {
        "event": {
            "id": event.event_id,
            "title": event.title,
            "starts_at": event.starts_at.isoformat(),
        },
        "registration": _stored(ctx, registration),
        "answers": answers,
    }
    disposition = f'attachment; filename="iscrizione-{event.slug}.json"'
    return JSONResponse(body, headers={"Content-Disposition": disposition})


def _stored(ctx: CtxDep, registration: Registration) -> dict[str, object]:
    """The registration's row, its ticket as the door takes it: the short code as printed,
    and the QR code's text (the secret the QR is signed over says nothing to a person)."""
    stored = registration.model_dump(mode="json", exclude={"ticket_code", "short_code"})
    ticket = {
        "ticket_code": spoken(registration.short_code),
        "ticket_qr": qr_payload(ctx, registration),
    }
    return {**stored, **ticket}
