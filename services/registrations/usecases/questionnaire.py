"""The feedback questionnaire of an event: the organizer's questions, a person's answers (once,
kept apart from who gave them, releasing a certificate that waited for them, in the same
transaction), and the anonymous responses the organizer reads and exports."""

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.questionnaire import Question, questions_of, read_answers
from services.registrations.domain.questionnaire import stored as stored_questions
from services.registrations.domain.registration_life import Status
from services.registrations.storage.certificates import (
    Certificate,
    FeedbackGiven,
    FeedbackResponse,
)
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.certificate_facts import release
from services.registrations.usecases.certificates import settings_of
from services.registrations.usecases.facts import Links
from shared.contracts import EventSnapshotV1
from shared.errors import Conflict, NotFound


class NoQuestionnaire(NotFound):
    def __init__(self) -> None:
        super().__init__("This event has no feedback questionnaire")


class QuestionsFixed(Conflict):
    def __init__(self) -> None:
        super().__init__(
            "People have answered this questionnaire already: its questions can no longer change"
        )


class AnsweredAlready(Conflict):
    def __init__(self) -> None:
        super().__init__("You have answered this questionnaire already: thank you")


async def questionnaire_of(session: AsyncSession, event_id: str) -> tuple[list[Question], bool]:
    """The event's questions and whether certificates wait for the answers."""
    settings = await settings_of(session=session, event_id=event_id)
    return questions_of(settings.questionnaire), settings.questionnaire_required


async def save_questionnaire(
    session: AsyncSession,
    *,
    event: EventCopy,
    questions: list[Question],
    required: bool,
    links: Links,
    now: datetime,
) -> int:
    """Set the questions; once someone answered they stay as they are (their answers would
    no longer be counted against the questions they saw), only `required` may change. No
    longer required, the certificates held for it are released (and mailed): returns how
    many."""
    settings = await settings_of(session=session, event_id=event.event_id)
    changed = stored_questions(questions)
    if changed != settings.questionnaire and await _answers_given(session, event.event_id):
        raise QuestionsFixed()
    settings.questionnaire, settings.questionnaire_required = changed, required
    session.add(settings)
    released = 0
    if not (required and questions):
        for held, registration in await _held(session, event.event_id):
            released += await _release(session, held, registration, event, links, now)
    await session.commit()
    return released


async def _held(session: AsyncSession, event_id: str) -> list[tuple[Certificate, Registration]]:
    """The event's certificates waiting for the questionnaire, with their registrations."""
    found = await session.exec(
        select(Certificate, Registration)
        .join(Registration, col(Registration.id) == col(Certificate.registration_id))
        .where(
            Certificate.event_id == event_id,
            col(Certificate.released_at).is_(None),
            col(Certificate.revoked_at).is_(None),
        )
    )
    return [(certificate, registration) for certificate, registration in found.all()]


async def _answers_given(session: AsyncSession, event_id: str) -> bool:
    found = await session.exec(
        select(FeedbackGiven.registration_id).where(FeedbackGiven.event_id == event_id).limit(1)
    )
    return found.first() is not None


async def has_answered(session: AsyncSession, registration: Registration) -> bool:
    found = await session.get(FeedbackGiven, (registration.event_id, registration.id))
    return found is not None


async def answer(
    session: AsyncSession,
    *,
    registration: Registration,
    event: EventCopy,
    given: dict[str, str],
    links: Links,
    now: datetime,
) -> bool:
    """Keep a person's answers, once, and release their certificate if it waited for them;
    returns whether one was released. The response has a random id and no time, and the
    record that they answered says nothing of what (see storage/certificates.py)."""
    questions, _ = await questionnaire_of(session, event.event_id)
    if not questions:
        raise NoQuestionnaire()
    if registration.status != Status.CONFIRMED:
        raise Conflict("The questionnaire is for the people who took part in the event")
    if await has_answered(session, registration):
        raise AnsweredAlready()
    answers = read_answers(questions, given)
    session.add(FeedbackGiven(event_id=event.event_id, registration_id=registration.id))
    session.add(
        FeedbackResponse(id=str(uuid.uuid4()), event_id=event.event_id, answers=json.dumps(answers))
    )
    released = await _release_held(session, registration, event, links, now)
    try:
        await session.commit()
    except IntegrityError as exc:  # the same person answering twice at once: one counts
        await session.rollback()
        raise AnsweredAlready() from exc
    return released


async def _release_held(
    session: AsyncSession,
    registration: Registration,
    event: EventCopy,
    links: Links,
    now: datetime,
) -> bool:
    """Release the person's certificate if it waits (a conditional UPDATE: released once)."""
    held = (
        await session.exec(
            select(Certificate).where(
                Certificate.registration_id == registration.id,
                col(Certificate.released_at).is_(None),
                col(Certificate.revoked_at).is_(None),
            )
        )
    ).first()
    if held is None:
        return False
    return await _release(session, held, registration, event, links, now)


async def _release(
    session: AsyncSession,
    held: Certificate,
    registration: Registration,
    event: EventCopy,
    links: Links,
    now: datetime,
) -> bool:
    """Release a held certificate, once (a conditional UPDATE), with its fact."""
    claimed = await session.exec(
        update(Certificate)
        .where(col(Certificate.id) == held.id, col(Certificate.released_at).is_(None))
        .values(released_at=now)
    )
    if claimed.rowcount != 1:
        return False
    settings = await settings_of(session=session, event_id=event.event_id)
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    release(session, held, registration, snapshot, settings, links, now)
    return True


async def responses(session: AsyncSession, event_id: str) -> list[dict[str, Any]]:
    """Every response to the event's questionnaire, in the order of their random ids."""
    found = await session.exec(
        select(FeedbackResponse.answers)
        .where(FeedbackResponse.event_id == event_id)
        .order_by(col(FeedbackResponse.id))
    )
    return [json.loads(answers) for answers in found.all()]
