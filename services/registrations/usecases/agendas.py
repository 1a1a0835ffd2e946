"""Telling where people stand in an event's sessions (SessionsChangedV1), once per change of
their choices, in the transaction of the change: notifications mails each session's invite
from it, and withdraws the ones left.

Each person's agenda row is taken last, after the sessions' rows and in registration order,
so that two transactions never wait on each other; while it is held no other change to that
person's choices commits, so what is read under it is where they stand, and the version it
hands out orders the facts as the changes committed."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.storage.sessions import SessionAgenda, SessionChoice
from shared.contracts import SessionsChangedV1
from shared.db import execute_core
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"
AGENDAS = SessionAgenda.__table__  # type: ignore[attr-defined]  # a table model's
BUMP = (
    update(AGENDAS)
    .where(AGENDAS.c.registration_id == bindparam("registration"))
    .values(version=AGENDAS.c.version + 1)
    .returning(AGENDAS.c.version)
)


async def tell(
    session: AsyncSession, event_id: str, registration_ids: Iterable[str], *, now: datetime
) -> None:
    """Each named person's sessions as they now stand, told with their next version."""
    await session.flush()  # the choices staged so far are what is read below
    for registration_id in sorted(set(registration_ids)):
        version = await _next_version(session, event_id, registration_id)
        seated, waiting = await _standing(session, registration_id)
        fact = SessionsChangedV1(
            registration_id=registration_id,
            event_id=event_id,
            version=version,
            seated=seated,
            waiting=waiting,
            at=now,
        )
        add_to_outbox(session, fact, source=SOURCE)


async def _next_version(session: AsyncSession, event_id: str, registration_id: str) -> int:
    bumped = (await execute_core(session, BUMP, {"registration": registration_id})).first()
    if bumped is not None:
        return int(bumped[0])
    session.add(SessionAgenda(registration_id=registration_id, event_id=event_id, version=1))
    await session.flush()
    return 1


async def _standing(
    session: AsyncSession, registration_id: str
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(sessions with a seat, sessions waited for), by item id."""
    found = await session.exec(
        select(SessionChoice.item_id, SessionChoice.seated)
        .where(SessionChoice.registration_id == registration_id)
        .order_by(col(SessionChoice.item_id))
    )
    rows = found.all()
    return (
        tuple(item for item, seated in rows if seated),
        tuple(item for item, seated in rows if not seated),
    )


@dataclass(frozen=True)
class Standing:
    """A person's sessions with a seat, and the version of their agenda that says so (the
    SEQUENCE of their calendar entries: shared.ical_sessions)."""

    version: int
    seated: tuple[int, ...]


async def standings(session: AsyncSession, registration_ids: Iterable[str]) -> dict[str, Standing]:
    """The sessions of each named registration that has chosen any, in one query each."""
    ids = list(set(registration_ids))
    if not ids:
        return {}
    versions = await session.exec(
        select(SessionAgenda.registration_id, SessionAgenda.version).where(
            col(SessionAgenda.registration_id).in_(ids)
        )
    )
    seats = await session.exec(
        select(SessionChoice.registration_id, SessionChoice.item_id)
        .where(col(SessionChoice.registration_id).in_(ids), col(SessionChoice.seated).is_(True))
        .order_by(col(SessionChoice.item_id))
    )
    seated: dict[str, list[int]] = {}
    for registration_id, item_id in seats.all():
        seated.setdefault(registration_id, []).append(item_id)
    return {
        registration_id: Standing(version, tuple(seated.get(registration_id, ())))
        for registration_id, version in versions.all()
    }
