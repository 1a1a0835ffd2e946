"""The public registration form: works without JavaScript, keeps what was typed on errors, and
answers every registration with one "check your inbox" page (new or known address alike: the
email says what happened), or with a page that depends on the event alone (a choice, full)."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData

from services.registrations.context import CtxDep, of_request
from services.registrations.domain import privacy
from services.registrations.domain.errors import EventFull, RegistrationClosed, RoomFullOnlineOpen
from services.registrations.domain.form import (
    ACCESSIBILITY,
    HONEYPOT,
    LIMITS,
    FieldMap,
    check_form,
    is_bot,
)
from services.registrations.domain.registration_life import modes_of
from services.registrations.domain.sessions import SessionsRefused
from services.registrations.storage.tables import EventCopy, Question
from services.registrations.usecases import event_copy, form_definition, registering
from services.registrations.web.form_situation import seats_left, situation
from services.registrations.web.metrics import count_outcome, count_refusal
from services.registrations.web.routes.form_opening import opening_page
from services.registrations.web.session_picks import Pick, session_picks
from shared.contracts import EventSnapshotV1
from shared.errors import NotFound
from shared.sqlite_shared import group_commit
from shared.web import anon_csrf, breadcrumbs
from shared.web.breadcrumbs import place
from shared.web.deps import PagesDep, SessionDep
from shared.web.i18n import DEFAULT_LANGUAGE
from shared.web.ratelimit import RetryAfterDep
from shared.web.templating import Pages

router = APIRouter(include_in_schema=False)

FIELDS = (
    *LIMITS,
    "privacy_consent",
    "privacy_version",
    "marketing_consent",
    "mode",
    "accept_waitlist",
)
LISTS = ("accessibility", "sessions")
CHOSEN_ON_THE_CHOICE_PAGE = ("mode", "accept_waitlist")  # its buttons send these
GROUPS = ("single", "multiple", "yes_no")  # questions answered with radios or checkboxes
ABOUT_YOU = ("first_name", "last_name", "email", "phone", "organization", "role")
LAST = ("accessibility_other", "privacy_consent")
ANSWER_LIMITS = {"short_text": 300, "long_text": 5000}


@router.get("/events/{slug}/register", response_class=HTMLResponse)
async def show_form(
    request: Request, slug: str, session: SessionDep, pages: PagesDep, tries: int = 0
) -> HTMLResponse:
    """The empty form, or why the event takes no registrations now; an event not heard of
    yet gets a page that checks again by itself (never a bare 404 to a citizen)."""
    try:
        reply = await _reply(request, pages, session, slug)
    except NotFound:
        return opening_page(request, pages, slug, tries)
    return reply.form(given={}, errors={})


@router.post("/events/{slug}/register", response_class=HTMLResponse)
async def submit_form(
    request: Request,
    slug: str,
    session: SessionDep,
    ctx: CtxDep,
    pages: PagesDep,
    wait: RetryAfterDep,
) -> HTMLResponse:
    """Register, or say what to fix; refusals (limit, CSRF, honeypot) store nothing."""
    reply = await _reply(request, pages, session, slug)
    await session.rollback()  # read only: the database is not held while the body arrives
    fields = _fields(await request.form(), reply.questions)
    given = _given(fields, reply.questions)
    if wait:
        return reply.form(given=given, errors={}, status=429, wait=wait)
    if not anon_csrf.token_matches(request, fields.get(anon_csrf.FIELD)):
        return reply.refused("expired", status=403)
    if is_bot(fields):  # answer like any refusal, and store nothing
        return reply.refused("rejected", status=400)
    person, errors = check_form(
        fields,
        attendance_mode=reply.event.attendance_mode,
        questions=[question.asked() for question in reply.questions],
    )
    if person is None:
        return reply.form(given=given, errors=errors, status=422)
    try:
        with group_commit():  # committed with the registrations beside it, answered once on disk
            outcome = await registering.register(
                session=session,
                slug=slug,
                person=person,
                language=pages.translator(request).language,
                now=datetime.now(UTC),
                links=ctx.links,
                as_newcomer=True,
                forms=ctx.forms,
            )
    except RoomFullOnlineOpen:
        return reply.choice(given)
    except SessionsRefused:  # two chosen at the same time: nothing was written
        return reply.form(given=given, errors={"sessions": "sessions_overlap"}, status=422)
    except (EventFull, RegistrationClosed) as refused:
        count_refusal("form")
        return reply.refused(refused.state, status=409)
    count_outcome("form", status=outcome.status, already=outcome.already)
    ctx.relay.wake()
    return reply.received(person.email)


async def _reply(request: Request, pages: Pages, session: SessionDep, slug: str) -> "Reply":
    event = await event_copy.find_public_event(session=session, slug=slug)
    form = await form_definition.get_form(session=session, event_id=event.event_id)
    # Detached, so that the use case rolling back (a full room) cannot expire what the page
    # still has to show: the use case loads its own rows.
    picks = await session_picks(session, event)
    session.expunge_all()
    return Reply(request, pages, event, form, picks=picks)


def _fields(submitted: FormData, questions: list[Question]) -> FieldMap:
    """The fields we know, text values only (a file posted as a name is not a name)."""
    names = (*FIELDS, *LISTS, *(f"q{q.id}" for q in questions), anon_csrf.FIELD, HONEYPOT)
    return FieldMap(
        {name: [v for v in submitted.getlist(name) if isinstance(v, str)] for name in names}
    )


def _given(fields: FieldMap, questions: list[Question]) -> dict[str, list[str]]:
    """What we echo back: what was typed, unless far too long to be a real answer."""
    limits = _limits(questions)
    names = (*FIELDS, *LISTS, *(f"q{q.id}" for q in questions))
    given = {
        name: [_shown(v, limits.get(name, 200)) for v in fields.getlist(name)] for name in names
    }
    return {name: values for name, values in given.items() if values}


def _shown(value: str, limit: int) -> str:
    return value if len(value) <= limit * 2 else value[:limit]


def _limits(questions: list[Question]) -> dict[str, int]:
    answers = {f"q{q.id}": ANSWER_LIMITS[q.kind] for q in questions if q.kind in ANSWER_LIMITS}
    return {**LIMITS, **answers}


def _in_form_order(errors: dict[str, str], questions: list[Question]) -> dict[str, str]:
    """The summary lists problems in the order the fields come, as a reader meets them."""
    order = (*ABOUT_YOU, "mode", "sessions", *(f"q{q.id}" for q in questions), *LAST)
    return {name: errors[name] for name in order if name in errors}


def _question(question: Question, lang: str) -> dict[str, Any]:
    # Questions are written in Italian and English: other readers get the Italian.
    said = "en" if lang == "en" else "it"
    label = question.label_en if said == "en" else question.label_it
    options = [(o["value"], o[said]) for o in json.loads(question.options)]
    hint = question.help_en if said == "en" else question.help_it
    return {"name": f"q{question.id}", "kind": question.kind, "label": label,
            "required": question.required, "options": options, "hint": hint}  # fmt: skip


def _anchors(questions: list[Question]) -> dict[str, str]:
    """Where the error summary links: a group's first choice, else the field itself."""
    groups = ["mode", *(f"q{q.id}" for q in questions if q.kind in GROUPS)]
    return {name: f"{name}-0" for name in groups}


@dataclass(frozen=True)
class Reply:
    """The pages answering one request about one event's form."""

    request: Request
    pages: Pages
    event: EventCopy
    definition: form_definition.FormDefinition
    # For the organizer's preview: the same page, marked so, sending nothing.
    preview: bool = False
    picks: tuple[Pick, ...] = ()  # the sessions one signs up for, with their seats left

    @property
    def questions(self) -> list[Question]:
        return self.definition.questions

    def form(
        self,
        *,
        given: dict[str, list[str]],
        errors: dict[str, str],
        status: int = 200,
        wait: int = 0,
    ) -> HTMLResponse:
        """The form with what was typed, the problems to fix, and any notice or wait."""
        lang = self.pages.translator(self.request).language
        questions = [_question(q, lang) for q in self.questions]
        modes = modes_of(self.event.attendance_mode)
        context = {
            "shown": situation(self.event, self.definition.settings, self.preview),
            "seats": seats_left(self.event),
            "picks": self.picks,
            "modes": modes if len(modes) > 1 else (),
            "needs": ACCESSIBILITY,
            "questions": questions,
            "given": {"mode": [modes[0]], **given},
            "errors": _in_form_order(errors, self.questions),
            "labels": {q["name"]: q["label"] for q in questions},
            "anchors": _anchors(self.questions),
            "limits": _limits(self.questions),
            "wait": wait,
        }
        response = self._page("register.html", context, status=status)
        if wait:
            response.headers["Retry-After"] = str(wait)
        return response

    def choice(self, given: dict[str, list[str]]) -> HTMLResponse:
        """The room is full and online seats are free: everything typed rides in hidden
        fields, and the person picks with one of two buttons."""
        carried = [
            (name, value)
            for name, values in given.items()
            if name not in CHOSEN_ON_THE_CHOICE_PAGE
            for value in values
        ]
        return self._page("form_choice.html", {"carried": carried}, status=409)

    def received(self, email: str) -> HTMLResponse:
        """One page for every registration the form made or found: confirmed, pending,
        waitlisted or already registered all read "check your inbox" (the email says which),
        so that no one learns from the page whether an address is registered."""
        return self._page("form_outcome.html", {"email": email})

    def refused(self, kind: str, *, status: int) -> HTMLResponse:
        """Why nothing was registered: full, closed, cancelled, expired form, rejected."""
        return self._page("refused.html", {"kind": kind}, status=status)

    def _page(self, template: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
        """Render with what every form page shows, and the CSRF cookie for the next post."""
        request, token = self.request, anon_csrf.form_token(self.request)
        lang = self.pages.translator(request).language
        events_url = of_request(request).settings.events_public_url
        snapshot = EventSnapshotV1.model_validate_json(self.event.snapshot)
        settings = self.definition.settings
        common = {
            **place(self.pages, request, event=snapshot, here=breadcrumbs.FORM),
            "event": snapshot,
            "event_url": f"{events_url}/events/{self.event.slug}",
            "form_url": request.url.path + ("" if lang == DEFAULT_LANGUAGE else f"?lang={lang}"),
            "settings": settings,
            "privacy": privacy.consented(
                slug=self.event.slug,
                version=self.event.privacy_version,
                notice_url=settings.privacy_notice_url,
                notice_version=settings.privacy_notice_version,
            ),
            "page_event": self.event.slug,
            "csrf_field": anon_csrf.FIELD,
            "csrf_token": token,
            "preview": self.preview,
        }
        response = self.pages.render(request, template, {**common, **context}, status_code=status)
        if not self.preview:
            anon_csrf.set_form_cookie(response, request, token)
        return response
