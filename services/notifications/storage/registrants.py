"""Participant rows read and written as the domain's Registrant (staged, never committed)."""

from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.participants import Registrant
from services.notifications.storage.plain import columns, plain
from services.notifications.storage.tables import Participant

# Registrations a preload found no participant for, in this session: find() answers None
# for them without asking the database again (store() takes a new one off the list).
UNKNOWN = "registrants.unknown"


async def preload(session: AsyncSession, registration_ids: Iterable[str]) -> None:
    """Read the participants of a batch of facts in one query: find() then reads none alone
    (those found wait in the session, the others are known to be new)."""
    wanted = set(registration_ids)
    rows = await session.exec(
        select(Participant).where(col(Participant.registration_id).in_(wanted))
    )
    session.info[UNKNOWN] = wanted - {row.registration_id for row in rows.all()}


async def find(session: AsyncSession, registration_id: str) -> Registrant | None:
    """The registrant known for a registration, None before its first fact."""
    if registration_id in session.info.get(UNKNOWN, ()):
        return None
    row = await session.get(Participant, registration_id)
    return plain(Registrant, row) if row is not None else None


async def of_event(session: AsyncSession, event_id: str) -> list[Registrant]:
    """Everyone known to be registered for an event, whatever their status."""
    rows = await session.exec(select(Participant).where(Participant.event_id == event_id))
    return [plain(Registrant, row) for row in rows.all()]


async def store(session: AsyncSession, registrant: Registrant, *, new: bool = False) -> None:
    """Keep the registrant as the facts left it: a new row (`new`: none was found, so none
    is looked for again), or the known one updated."""
    row = None if new else await session.get(Participant, registrant.registration_id)
    if row is None:
        session.info.get(UNKNOWN, set()).discard(registrant.registration_id)
        session.add(Participant(**columns(registrant)))
    else:
        session.add(row.sqlmodel_update(columns(registrant)))
