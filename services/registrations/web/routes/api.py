"""JSON API: register (honouring Idempotency-Key), and read an event's availability."""

import hashlib
import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.context import CtxDep
from services.registrations.domain.form import check_form
from services.registrations.domain.registration_life import registration_state
from services.registrations.storage.tables import IdempotentRequest
from services.registrations.usecases import event_copy, registering
from services.registrations.web.metrics import count_outcome, count_refusal
from services.registrations.web.schemas import (
    Availability,
    RegistrationCreated,
    RegistrationRequest,
)
from shared.errors import Invalid, UserFacingError
from shared.sqlite_shared import group_commit
from shared.web.deps import SessionDep
from shared.web.errors import refusals
from shared.web.ratelimit import limited_in_transaction

router = APIRouter(prefix="/api/events", tags=["registrations"], responses=refusals(404, 422))


@router.get("/{slug}/availability")
async def availability(slug: str, session: SessionDep) -> Availability:
    """Whether the event takes registrations now, and how many seats are left of each kind."""
    event = await event_copy.find_public_event(session=session, slug=slug)
    online_left = (
        max(event.online_capacity - event.online_seats_taken, 0) if event.online_capacity else None
    )
    return Availability(
        event_id=event.event_id,
        state=registration_state(event.window(), datetime.now(UTC)),
        capacity=event.capacity,
        seats_left=max(event.capacity - event.seats_taken, 0),
        online_capacity=event.online_capacity,
        online_seats_left=online_left,
    )


@router.post(
    "/{slug}/registrations",
    status_code=201,
    response_model=RegistrationCreated,
    responses={
        200: {"model": RegistrationCreated, "description": "Registered already (same email)"},
        **refusals(400, 409, 413, 429),
    },
)
async def register(
    slug: str,
    body: RegistrationRequest,
    request: Request,
    ctx: CtxDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> JSONResponse:
    """Register one person: 201 with the status (200 when already registered); 409 when
    closed or full; 429 when the address is over its limit (counted in the registration's
    own transaction). A retry with the same Idempotency-Key gets the first answer again: it
    is stored in the same transaction as the registration."""
    # The session opened here rather than as a dependency: FastAPI's exit stack for a
    # generator dependency costs more than the session itself, on every registration.
    async with ctx.sessions() as session:
        with group_commit():  # committed with the registrations beside it, answered on disk
            async with limited_in_transaction(request, session):
                return await _answered(slug, body, session, ctx, idempotency_key)


async def _answered(
    slug: str,
    body: RegistrationRequest,
    session: AsyncSession,
    ctx: CtxDep,
    idempotency_key: str | None,
) -> JSONResponse:
    key = _key(slug, idempotency_key) if idempotency_key else None
    if key:
        remembered = await _remembered(session, key, body)
        if remembered is not None:
            return remembered
    try:
        status, answer = await _register(session, ctx, slug, body, key)
    except IntegrityError:  # a concurrent retry with the same key stored its answer first
        remembered = await _remembered(session, key or "", body)
        assert remembered is not None
        return remembered
    if key and status >= 400:
        await _remember_refusal(session, key, body, status, answer)
    ctx.relay.wake()
    return JSONResponse(answer, status_code=status)


async def _register(
    session: AsyncSession, ctx: CtxDep, slug: str, body: RegistrationRequest, key: str | None
) -> tuple[int, dict[str, object]]:
    try:
        event = await event_copy.find_public_event(session=session, slug=slug)
        rules = await ctx.forms.rules(session, event)
        person, errors = check_form(
            body.fields(), attendance_mode=event.attendance_mode, questions=rules.questions
        )
        if person is None:
            details = [f"{name}: {code}" for name, code in errors.items()]
            raise Invalid("The registration has fields to fix", details=details)
        outcome = await registering.register(
            session=session,
            slug=slug,
            person=person,
            language=body.language,
            now=datetime.now(UTC),
            links=ctx.links,
            remember=_remembering(key, body) if key else None,
            event=event,
            forms=ctx.forms,
        )
    except UserFacingError as refusal:
        count_refusal("api")
        return refusal.status, {"detail": refusal.message, "errors": refusal.details}
    count_outcome("api", status=outcome.status, already=outcome.already)
    return _answer(outcome)


def _answer(outcome: registering.Outcome) -> tuple[int, dict[str, object]]:
    created = RegistrationCreated(
        id=outcome.registration.id,
        status=outcome.status,
        event_id=outcome.registration.event_id,
        already_registered=outcome.already,
        waitlist_place=outcome.waitlist_place,
    )
    return (200 if outcome.already else 201), created.model_dump()


def _remembering(key: str, body: RegistrationRequest) -> registering.Remember:
    def remember(session: AsyncSession, outcome: registering.Outcome) -> None:
        status, answer = _answer(outcome)
        session.add(_stored(key, body, status, answer))

    return remember


def _key(slug: str, key: str) -> str:
    return f"{slug}:{key}"


def _fingerprint(body: RegistrationRequest) -> str:
    return hashlib.sha256(body.model_dump_json().encode()).hexdigest()


def _stored(
    key: str, body: RegistrationRequest, status: int, answer: dict[str, object]
) -> IdempotentRequest:
    return IdempotentRequest(
        key=key, request_hash=_fingerprint(body), status_code=status, body=json.dumps(answer)
    )


async def _remembered(
    session: AsyncSession, key: str, body: RegistrationRequest
) -> JSONResponse | None:
    found = await session.get(IdempotentRequest, key)
    if found is None:
        return None
    if found.request_hash != _fingerprint(body):
        return JSONResponse(
            {"detail": "This Idempotency-Key was used for a different request", "errors": []},
            status_code=422,
        )
    return JSONResponse(json.loads(found.body), status_code=found.status_code)


async def _remember_refusal(
    session: AsyncSession,
    key: str,
    body: RegistrationRequest,
    status: int,
    answer: dict[str, object],
) -> None:
    """A refusal stored nothing else, so it is remembered in a transaction of its own."""
    session.add(_stored(key, body, status, answer))
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
