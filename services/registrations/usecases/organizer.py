"""What an event's organizers do with its registrations: look them up, sum them up, confirm
or decline by hand, erase a person's data, check people in at the door."""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import delete
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import registration_life, tally
from services.registrations.domain.guards import Given
from services.registrations.domain.registration_life import HOLDS_SEAT, Action, Status
from services.registrations.formats.spreadsheets import COLUMNS, Entry, QuestionColumn
from services.registrations.storage.tables import Answer, EventCopy, Question, Registration
from services.registrations.usecases.audit_trail import record
from services.registrations.usecases.dashboard import rows_of
from services.registrations.usecases.event_copy import questions_of
from services.registrations.usecases.expiry import erase_person
from services.registrations.usecases.facts import Links
from services.registrations.usecases.seats import force_seat, take_seat
from services.registrations.usecases.self_service import confirm, end
from shared.errors import NotFound

Decision = Literal["confirm", "decline"]
DECISIONS = {"confirm": Action.CONFIRM_BY_HAND, "decline": Action.DECLINE}
CONFIRMABLE = registration_life.TABLE.origins(Action.CONFIRM_BY_HAND)


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    mode: str | None = None
    organization: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Summary:
    """By status over every registration; the rest over the active ones (not ended)."""

    by_status: dict[str, int]
    by_mode: dict[str, int]
    by_organization: dict[str, int]
    needs: dict[str, int]
    other_needs: list[str] = field(default_factory=list)
    checked_in: int = 0
    confirmed: int = 0
    seated: dict[str, int] = field(default_factory=dict)  # seats held (pending, offered too)


def _like(text: str) -> str:
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def registrations(
    *, session: AsyncSession, event_id: str, filters: Filters
) -> list[Registration]:
    """The event's registrations matching the filters, in arrival order."""
    query = select(Registration).where(Registration.event_id == event_id)
    if filters.status:
        query = query.where(Registration.status == filters.status)
    if filters.mode:
        query = query.where(Registration.mode == filters.mode)
    if filters.organization:
        query = query.where(Registration.organization == filters.organization)
    if filters.text and filters.text.strip():
        pattern = _like(filters.text)
        name = func.lower(Registration.first_name + " " + Registration.last_name)
        query = query.where(
            name.like(pattern, escape="\\")
            | func.lower(Registration.email).like(pattern, escape="\\")
            | func.lower(func.coalesce(Registration.organization, "")).like(pattern, escape="\\")
        )
    found = await session.exec(query.order_by(col(Registration.created_at)))
    return list(found.all())


async def registration_at(
    *, session: AsyncSession, event: EventCopy, registration_id: str, lock: bool = False
) -> Registration:
    """One registration of this event; `lock` holds its row until the use case commits."""
    query = select(Registration).where(
        Registration.id == registration_id, Registration.event_id == event.event_id
    )
    if lock:  # PostgreSQL waits here; SQLite already serialises writers at BEGIN
        query = query.with_for_update().execution_options(populate_existing=True)
    found = (await session.exec(query)).first()
    if found is None:
        raise NotFound("No such registration at this event")
    return found


async def answers_of(
    *, session: AsyncSession, registration_ids: list[str]
) -> dict[str, dict[int, str]]:
    """Answers to the custom questions, by registration, then by question id."""
    result: dict[str, dict[int, str]] = {rid: {} for rid in registration_ids}
    if not registration_ids:
        return result
    found = await session.exec(
        select(Answer).where(col(Answer.registration_id).in_(registration_ids))
    )
    for answer in found.all():
        result[answer.registration_id][answer.question_id] = answer.value
    return result


async def export(
    *, session: AsyncSession, event_id: str, filters: Filters
) -> tuple[list[Entry], list[QuestionColumn]]:
    """The registrations matching the filters with their answers, and the event's custom
    questions in order, as the spreadsheet reads them."""
    found = await registrations(session=session, event_id=event_id, filters=filters)
    answers = await answers_of(session=session, registration_ids=[r.id for r in found])
    questions = await questions_of(session, event_id)
    return [_entry(r, answers[r.id]) for r in found], [question_column(q) for q in questions]


def _entry(registration: Registration, answers: dict[int, str]) -> Entry:
    """The row's columns of the same names, its needs read from their JSON."""
    values = {name: getattr(registration, name) for name in COLUMNS}
    values["accessibility"] = json.loads(registration.accessibility or "[]")
    return Entry(**values, answers=answers)


def question_column(question: Question) -> QuestionColumn:
    """A custom question as the export and the list read it."""
    assert question.id is not None, "a question is saved before it is exported"
    options = json.loads(question.options or "[]")
    return QuestionColumn(question.id, question.kind, question.label_it, question.label_en, options)


async def summary(*, session: AsyncSession, event_id: str) -> Summary:
    """Counts by status, mode and organization, accessibility needs, and attendance, counted
    as the dashboard counts them (domain/tally.py)."""
    rows = await rows_of(session, [event_id])
    active = tally.active(rows)
    return Summary(
        by_status={status: n for status, n in tally.by_status(rows).items() if n},
        by_mode={mode: n for mode, n in tally.by_mode(rows).items() if n},
        by_organization=dict(tally.by_organization(rows)),
        needs=tally.needs(rows),
        other_needs=[row.accessibility_other for row in active if row.accessibility_other],
        checked_in=sum(1 for row in rows if row.checked_in_at is not None),
        confirmed=tally.by_status(rows)[Status.CONFIRMED],
        seated=dict(Counter(row.mode for row in rows if row.status in HOLDS_SEAT)),
    )


async def decide_by_hand(
    *,
    session: AsyncSession,
    event: EventCopy,
    registration_id: str,
    decision: Decision,
    now: datetime,
    links: Links,
    actor: str,
) -> Registration:
    """Confirm a pending, offered or waitlisted person (a waitlisted one even beyond
    capacity: an organizer's explicit decision), or decline a registration (its seat goes to
    the waitlist). Deciding twice is harmless; an ended registration cannot be confirmed."""
    registration = await registration_at(
        session=session, event=event, registration_id=registration_id, lock=True
    )
    action = DECISIONS[decision]
    if registration_life.settled(registration, action):
        return registration
    given = Given(now=now)
    step = registration_life.TABLE.step(registration, action, given)  # a 409 when not allowed
    if action is Action.DECLINE:
        await end(session, registration, event, action, links=links, now=now)
    else:
        if step.origin is Status.WAITLISTED:  # the only one without a seat yet
            await _seat_by_hand(session, event.event_id, registration.mode)
        confirm(session, registration, event, action, given, links=links)
    what = "registration_confirmed" if decision == "confirm" else "registration_declined"
    record(session, event=event, actor=actor, what=what, now=now, registration=registration)
    await session.commit()
    return registration


async def _seat_by_hand(session: AsyncSession, event_id: str, mode: str) -> None:
    if not await take_seat(session, event_id, mode):
        await force_seat(session, event_id, mode)


async def erase(
    *, session: AsyncSession, event: EventCopy, registration_id: str, now: datetime, actor: str
) -> Registration:
    """Erase one person's data on their request; status, mode and check-in stay for counts."""
    registration = await registration_at(
        session=session, event=event, registration_id=registration_id, lock=True
    )
    if registration.erased_at is not None:
        return registration
    erase_person(registration, now)
    session.add(registration)
    await session.exec(delete(Answer).where(col(Answer.registration_id) == registration.id))
    record(session, event=event, actor=actor, what="registration_erased", now=now)
    await session.commit()
    return registration
