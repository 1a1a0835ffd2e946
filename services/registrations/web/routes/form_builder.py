"""The organizers' form builder (/organizer/events/<slug>/form): the event's own questions,
added, edited, moved up or down with buttons, removed after a confirmation, and a preview of
the form as citizens see it. Editors only; every form carries the CSRF field. Each step saves
the whole definition through the one use case, which refuses changes that would leave
people's answers unreadable (domain/answered.py): the page then says why and how many."""

from typing import Any, Literal

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from starlette.datastructures import FormData

from services.registrations.domain import form_edits
from services.registrations.domain.inputs import CHOICE_KINDS, FormShape, QuestionShape
from services.registrations.usecases import form_definition
from services.registrations.web.routes import form_pages
from services.registrations.web.routes.organizer_pages import Desk, EditorDeskDep, OrganizerRoute
from shared.catalogs import N_
from shared.errors import Invalid, NotFound

router = APIRouter(include_in_schema=False, route_class=OrganizerRoute)

Kind = Literal["short_text", "long_text", "single", "multiple", "yes_no"]
KINDS: tuple[Kind, ...] = ("short_text", "long_text", "single", "multiple", "yes_no")
FIELDS = ("label_it", "label_en", "help_it", "help_en", "options_it", "options_en", "required")
FIXES = {  # a field of the question's page -> how to fix it
    "label_it": N_("builder_error_label"),
    "label_en": N_("builder_error_label"),
    "help_it": N_("builder_error_help"),
    "help_en": N_("builder_error_help"),
    "options_it": N_("builder_error_options"),
    "options_en": N_("builder_error_options_en"),
}


async def _form(at: Desk) -> FormShape:
    definition = await form_definition.get_form(session=at.session, event_id=at.event.event_id)
    return form_definition.describe(definition)


def _question(form: FormShape, question_id: int) -> QuestionShape:
    for question in form.questions:
        if question.id == question_id:
            return question
    raise NotFound("No such question in this event's form")


@router.get("/organizer/events/{slug}/form", response_class=HTMLResponse)
async def builder(at: EditorDeskDep) -> HTMLResponse:
    """The questions in order, with what can be done to each, and the kinds to add."""
    form = await _form(at)
    counts = await form_definition.answers_to(at.session, at.event.event_id)
    context = {
        "questions": form.questions,
        "answered": {q: counts[q].people for q in counts},
        "kinds": KINDS,
        "done": at.request.query_params.get("done"),
        "section": "form",
    }
    return at.render("organizer_form.html", context)


@router.get("/organizer/events/{slug}/form/preview", response_class=HTMLResponse)
async def preview(at: EditorDeskDep) -> HTMLResponse:
    """The form as a citizen sees it, with the same template, inert (nothing to send)."""
    definition = await form_definition.get_form(session=at.session, event_id=at.event.event_id)
    shown = form_pages.Reply(at.request, at.pages, at.event, definition, preview=True)
    page = shown.form(given={}, errors={})
    page.headers["Cache-Control"] = "no-store"
    return page


@router.get("/organizer/events/{slug}/form/new", response_class=HTMLResponse)
async def new_question(at: EditorDeskDep, kind: str = "short_text") -> HTMLResponse:
    if kind not in KINDS:  # a page that says so, not the API's 422
        raise Invalid("Choose one of the kinds of question the form supports")
    return _editor(at, kind=kind, values={}, question_id=None)


@router.post("/organizer/events/{slug}/form/new")
async def add_question(at: EditorDeskDep) -> Response:
    return await _save(at, await at.form(), None)


@router.get("/organizer/events/{slug}/form/{question_id}/edit", response_class=HTMLResponse)
async def edit_question(question_id: int, at: EditorDeskDep) -> HTMLResponse:
    question = _question(await _form(at), question_id)
    return _editor(at, kind=question.kind, values=_values(question), question_id=question_id)


@router.post("/organizer/events/{slug}/form/{question_id}/edit")
async def change_question(question_id: int, at: EditorDeskDep) -> Response:
    return await _save(at, await at.form(), question_id)


@router.post("/organizer/events/{slug}/form/{question_id}/move")
async def move_question(question_id: int, at: EditorDeskDep) -> Response:
    """One place up or down ("Sposta su", "Sposta giù"): buttons, no dragging."""
    step = -1 if (await at.form()).get("direction") == "up" else 1
    form = await _form(at)
    _question(form, question_id)
    moved = form_edits.move(form, question_id, step)
    await form_definition.save_form(session=at.session, event_id=at.event.event_id, given=moved)
    return at.see_other("/form", done="moved")


@router.get("/organizer/events/{slug}/form/{question_id}/remove", response_class=HTMLResponse)
async def remove_confirm(question_id: int, at: EditorDeskDep) -> HTMLResponse:
    """Removing asks first; a question people answered cannot be removed, and says why."""
    return await _removal(at, question_id)


@router.post("/organizer/events/{slug}/form/{question_id}/remove")
async def remove_question(question_id: int, at: EditorDeskDep) -> Response:
    await at.form()
    form = await _form(at)
    _question(form, question_id)
    try:
        await form_definition.save_form(
            session=at.session,
            event_id=at.event.event_id,
            given=form_edits.remove(form, question_id),
        )
    except form_definition.AnsweredChanged:
        return await _removal(at, question_id, status_code=409)
    return at.see_other("/form", done="removed")


async def _removal(at: Desk, question_id: int, status_code: int = 200) -> HTMLResponse:
    question = _question(await _form(at), question_id)
    counts = await form_definition.answers_to(at.session, at.event.event_id)
    answered = counts[question_id].people if question_id in counts else 0
    context = {"question": question, "answered": answered, "section": "form"}
    return at.render("organizer_question_remove.html", context, status_code=status_code)


def _values(question: QuestionShape) -> dict[str, str]:
    return {
        "label_it": question.label_it,
        "label_en": question.label_en,
        "help_it": question.help_it,
        "help_en": question.help_en,
        "required": "on" if question.required else "",
        "options_it": "\n".join(option.it for option in question.options),
        "options_en": "\n".join(option.en for option in question.options),
    }


async def _save(at: Desk, submitted: FormData, question_id: int | None) -> Response:
    values = {name: str(submitted.get(name) or "") for name in FIELDS}
    form = await _form(at)
    before = _question(form, question_id) if question_id is not None else None
    kind = before.kind if before else str(submitted.get("kind") or "")
    if kind not in KINDS:
        raise Invalid("Choose one of the kinds of question the form supports")
    shape, errors = _shape(values, kind, before)
    if shape is None:
        return _editor(at, kind=kind, values=values, question_id=question_id, errors=errors)
    try:
        await form_definition.save_form(
            session=at.session, event_id=at.event.event_id, given=form_edits.put(form, shape)
        )
    except form_definition.AnsweredChanged as refused:
        return _editor(
            at, kind=kind, values=values, question_id=question_id,
            refusals=refused.refusals, status_code=409,
        )  # fmt: skip
    except Invalid:  # the form is full (MAX_QUESTIONS)
        return _editor(
            at, kind=kind, values=values, question_id=question_id,
            errors={"label_it": N_("builder_error_full")},
        )  # fmt: skip
    return at.see_other("/form", done="saved")


def _shape(
    values: dict[str, str], kind: str, before: QuestionShape | None
) -> tuple[QuestionShape | None, dict[str, str]]:
    """The question the page describes, or how to fix each field."""
    italian = form_edits.lines(values["options_it"]) if kind in CHOICE_KINDS else []
    english = form_edits.lines(values["options_en"]) if kind in CHOICE_KINDS else []
    errors: dict[str, str] = {}
    if english and len(english) != len(italian):
        errors["options_en"] = FIXES["options_en"]
    data: dict[str, Any] = {
        "id": before.id if before else None,
        "kind": kind,
        "label_it": values["label_it"],
        "label_en": values["label_en"].strip() or values["label_it"],
        "help_it": values["help_it"],
        "help_en": values["help_en"].strip() or values["help_it"],
        "required": bool(values["required"]),
        "options": form_edits.options(italian, english, before.options if before else []),
    }
    try:
        shape = QuestionShape.model_validate(data)
    except ValidationError as error:
        for problem in error.errors():
            name = "options_it" if problem["loc"][0] == "options" else str(problem["loc"][0])
            errors.setdefault(name, FIXES.get(name, FIXES["label_it"]))
        return None, errors
    if shape.problems():
        errors["options_it"] = FIXES["options_it"]
    return (None, errors) if errors else (shape, {})


def _editor(
    at: Desk, *, kind: str, values: dict[str, str], question_id: int | None,
    errors: dict[str, str] | None = None, refusals: list[Any] | None = None,
    status_code: int | None = None,
) -> HTMLResponse:  # fmt: skip
    if status_code is None:
        status_code = 422 if errors else 200
    context = {
        "kind": kind,
        "values": values,
        "question_id": question_id,
        "errors": errors or {},
        "refused": refusals or [],
        "fields": FIELDS,
        "choice": kind in CHOICE_KINDS,
        "section": "form",
    }
    return at.render("organizer_question.html", context, status_code=status_code)
