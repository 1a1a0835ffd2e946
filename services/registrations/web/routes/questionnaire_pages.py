"""The feedback questionnaire on a person's own page (the signed link of their emails): the
questions, ratings 1 to 5 and comments, sent once. Their answers are kept apart from who
they are; where the certificate waited for them, it is released and mailed."""

from datetime import UTC, datetime

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRouter

from services.registrations.context import CtxDep
from services.registrations.domain.questionnaire import RATINGS, AnswersInvalid, Question
from services.registrations.storage.tables import EventCopy
from services.registrations.usecases import questionnaire
from services.registrations.web.routes.manage_links import (
    LinkPageRoute,
    about_event,
    check_form_token,
)
from services.registrations.web.routes.manage_pages import open_registration
from shared.web.deps import PagesDep, SessionDep

router = APIRouter(include_in_schema=False, route_class=LinkPageRoute)


def _form(
    request: Request,
    ctx: CtxDep,
    pages: PagesDep,
    *,
    event: EventCopy,
    token: str,
    questions: list[Question],
    given: dict[str, str],
    problems: dict[str, str],
) -> HTMLResponse:
    context = {
        **about_event(ctx, event, request),
        "token": token,
        "questions": questions,
        "ratings": RATINGS,
        "given": given,
        "problems": problems,
    }
    status = 422 if problems else 200
    return pages.render(request, "questionnaire.html", context, status_code=status)


def _notice(
    request: Request, ctx: CtxDep, pages: PagesDep, event: EventCopy, token: str, text: str
) -> HTMLResponse:
    context = {
        **about_event(ctx, event, request),
        "heading": "questionnaire_thanks",
        "text": text,
        "manage_url": f"/r/{token}",
    }
    return pages.render(request, "manage_notice.html", context)


@router.get("/r/{token}/questionnaire", response_class=HTMLResponse)
async def questionnaire_form(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    registration, event = await open_registration(session, ctx, token)
    questions, _ = await questionnaire.questionnaire_of(session, event.event_id)
    if not questions:
        raise questionnaire.NoQuestionnaire()
    if await questionnaire.has_answered(session, registration):
        return _notice(request, ctx, pages, event, token, "questionnaire_answered_before")
    return _form(
        request, ctx, pages, event=event, token=token, questions=questions, given={}, problems={}
    )


@router.post("/r/{token}/questionnaire", response_class=HTMLResponse)
async def send_questionnaire(
    request: Request, token: str, session: SessionDep, ctx: CtxDep, pages: PagesDep
) -> HTMLResponse:
    given = await check_form_token(request, token)
    registration, event = await open_registration(session, ctx, token)
    try:
        released = await questionnaire.answer(
            session,
            registration=registration,
            event=event,
            given=given,
            links=ctx.links,
            now=datetime.now(UTC),
        )
    except AnswersInvalid as invalid:
        questions, _ = await questionnaire.questionnaire_of(session, event.event_id)
        return _form(
            request,
            ctx,
            pages,
            event=event,
            token=token,
            questions=questions,
            given=given,
            problems=invalid.problems,
        )
    except questionnaire.AnsweredAlready:
        return _notice(request, ctx, pages, event, token, "questionnaire_answered_before")
    if released:
        ctx.relay.wake()  # the certificate's fact leaves now
    text = "questionnaire_certificate_coming" if released else "questionnaire_thanks_text"
    return _notice(request, ctx, pages, event, token, text)
