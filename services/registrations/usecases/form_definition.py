"""An event's registration form as its organizers define it: settings and custom questions.

Saving replaces the whole definition in one transaction. A question sent back with its `id`
is the same question (its answers stay); a question left out is deleted. A change that would
leave people's answers unreadable (domain/answered.py) is refused with how many answered.
"""

import json
from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import answered
from services.registrations.domain.inputs import (
    FormShape,
    OptionShape,
    QuestionShape,
    SettingsShape,
)
from services.registrations.storage.tables import Answer, EventCopy, FormSettings, Question
from services.registrations.usecases.availability import follow_event
from services.registrations.usecases.event_copy import form_settings, questions_of
from services.registrations.usecases.privacy_versions import refresh_event_notice
from shared.db import utc_now
from shared.errors import Conflict, Invalid


class AnsweredChanged(Conflict):
    """The definition would change questions people answered in ways that lose answers."""

    def __init__(self, refusals: list[answered.Refusal]) -> None:
        super().__init__(
            "Questions people have answered cannot change that way",
            details=[refusal.said() for refusal in refusals],
        )
        self.refusals = refusals


@dataclass(frozen=True)
class FormDefinition:
    settings: FormSettings
    questions: list[Question]


async def get_form(*, session: AsyncSession, event_id: str) -> FormDefinition:
    """The event's settings (defaults until saved) and its questions in order."""
    settings = await form_settings(session, event_id)
    return FormDefinition(settings, await questions_of(session, event_id))


async def save_form(*, session: AsyncSession, event_id: str, given: FormShape) -> FormDefinition:
    """Replace the event's settings and questions; refuses the whole of it on any problem."""
    existing = {q.id: q for q in await questions_of(session, event_id)}
    _check(given, existing)
    await _keep_answers_readable(session, existing, given)
    settings = await form_settings(session, event_id)
    for name, value in given.settings.model_dump().items():
        setattr(settings, name, value)
    session.add(settings)
    kept = {shape.id for shape in given.questions}
    await _delete(session, [q for q in existing.values() if q.id not in kept])
    for position, shape in enumerate(given.questions):
        question = existing.get(shape.id) or Question(
            event_id=event_id, kind=shape.kind, label_it=shape.label_it, label_en=shape.label_en
        )
        _fill(question, shape, position)
        session.add(question)
    await _new_form_revision(session, event_id)
    event = await session.get(EventCopy, event_id)
    if event is not None:
        # With or without a waitlist, a full event reads otherwise.
        await follow_event(session, event)
        # A retention period changed: the notice says so, in a new version.
        await refresh_event_notice(session, event, settings, now=utc_now())
    await session.commit()
    return await get_form(session=session, event_id=event_id)


async def _new_form_revision(session: AsyncSession, event_id: str) -> None:
    """Tell every process keeping this form (usecases/form_rules.py) to read it again, in the
    transaction that changes it."""
    await session.exec(
        update(EventCopy)
        .where(col(EventCopy.event_id) == event_id)
        .values(form_revision=EventCopy.form_revision + 1)
    )


def describe(definition: FormDefinition) -> FormShape:
    """The definition in the API's shape."""
    settings = SettingsShape.model_validate(definition.settings, from_attributes=True)
    questions = [
        QuestionShape(
            id=q.id,
            kind=q.kind,
            label_it=q.label_it,
            label_en=q.label_en,
            required=q.required,
            options=[OptionShape(**option) for option in json.loads(q.options)],
            help_it=q.help_it,
            help_en=q.help_en,
        )
        for q in definition.questions
    ]
    return FormShape(settings=settings, questions=questions)


def _check(given: FormShape, existing: dict[int | None, Question]) -> None:
    problems = [problem for shape in given.questions for problem in shape.problems()]
    ids = [shape.id for shape in given.questions if shape.id is not None]
    if len(set(ids)) != len(ids):
        problems.append("the same question id is given twice")
    for shape in given.questions:
        if shape.id is None:
            continue
        if shape.id not in existing:
            problems.append(f"question {shape.id} is not a question of this event")
        elif existing[shape.id].kind != shape.kind:
            problems.append(
                f"question {shape.id} cannot change kind: send it without id as a new question"
            )
    if problems:
        raise Invalid("The form definition has problems to fix", details=problems)


async def answers_to(session: AsyncSession, event_id: str) -> dict[int, answered.Answered]:
    """How many people answered each of the event's questions, and chose each option."""
    query = (
        select(Answer.question_id, Answer.value)
        .join(Question, col(Question.id) == col(Answer.question_id))
        .where(Question.event_id == event_id)
    )
    return answered.tally((row[0], row[1]) for row in await session.exec(query))


async def _keep_answers_readable(
    session: AsyncSession, existing: dict[int | None, Question], given: FormShape
) -> None:
    if not existing:
        return
    event_id = next(iter(existing.values())).event_id
    kept = {
        q.id: answered.Kept(
            q.id, q.kind, q.label_en, {o["value"]: o["it"] for o in json.loads(q.options)}
        )
        for q in existing.values()
        if q.id is not None
    }
    refused = answered.refusals(kept, given.questions, await answers_to(session, event_id))
    if refused:
        raise AnsweredChanged(refused)


async def _delete(session: AsyncSession, questions: list[Question]) -> None:
    """Remove questions the organizer left out, with their answers (these go first)."""
    if not questions:
        return
    ids = [q.id for q in questions]
    await session.exec(delete(Answer).where(col(Answer.question_id).in_(ids)))
    for question in questions:
        await session.delete(question)


def _fill(question: Question, shape: QuestionShape, position: int) -> None:
    question.position, question.kind, question.required = position, shape.kind, shape.required
    question.label_it, question.label_en = shape.label_it, shape.label_en
    question.help_it, question.help_en = shape.help_it, shape.help_en
    question.options = json.dumps([option.model_dump() for option in shape.options])
