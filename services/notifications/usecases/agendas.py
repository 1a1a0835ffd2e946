"""A person's sessions (the personal agenda): what registrations says they hold
(SessionsChangedV1) becomes one email per session taken (its invite) and per session left
(its withdrawal); a session the organizer moves or removes mails those holding a seat in
it. Each email carries the session's own calendar entry (shared.ical_sessions)."""

from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.delivery_life import delivery_key, round_id
from services.notifications.domain.participants import Registrant
from services.notifications.formats.sessions import SESSION_JOINED, SESSION_LEFT, SESSION_MOVED
from services.notifications.storage import registrants
from services.notifications.storage.agendas import Agenda, AgendaSession
from services.notifications.usecases import deliveries, event_copy
from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SessionsChangedV1
from shared.ical_sessions import session_item, sessions_of


class RegistrantNotHeardYet(LookupError):
    """Sessions of a registration not heard yet: the fact is heard again a little later (the
    consumer's retries), by when the registration's own fact has come, published first."""


async def hear_agenda(
    session: AsyncSession, *, fact: SessionsChangedV1, domain: str, now: datetime
) -> None:
    """Keep where the person stands; owe an email per session taken or left since."""
    person = await registrants.find(session, fact.registration_id)
    if person is None:
        raise RegistrantNotHeardYet(fact.registration_id)
    agenda = await session.get(Agenda, fact.registration_id)
    if agenda is not None and agenda.version >= fact.version:
        return  # an older fact, heard after a newer one: where they stand did not change
    agenda = agenda or Agenda(registration_id=fact.registration_id, version=0)
    agenda.version = fact.version
    session.add(agenda)
    held = await _sessions_of(session, fact.registration_id)
    snapshot = await event_copy.known_event(session, fact.event_id)
    for item_id in fact.seated:
        if not (item_id in held and held[item_id].seated):
            _seat(session, held, fact, item_id)
            await _owe(
                session, person, SESSION_JOINED, item_id, fact.version, snapshot, domain, now
            )
    for item_id, row in sorted(held.items()):
        if row.seated and item_id not in fact.seated:
            row.seated = False
            session.add(row)
            await _owe(session, person, SESSION_LEFT, item_id, fact.version, snapshot, domain, now)


async def hear_moves(
    session: AsyncSession,
    *,
    before: EventSnapshotV1 | None,
    after: EventSnapshotV1,
    domain: str,
    now: datetime,
) -> None:
    """Sessions whose time, room or title changed mail those with a seat in them the entry
    moved (REQUEST); a session gone from the programme, its withdrawal (CANCEL)."""
    if before is None or before.revision >= after.revision:
        return
    changed = _moved(before, after)
    if not changed:
        return
    rows = await session.exec(
        select(AgendaSession).where(
            AgendaSession.event_id == after.id,
            col(AgendaSession.item_id).in_(changed),
            col(AgendaSession.seated).is_(True),
        )
    )
    for row in rows.all():
        person = await registrants.find(session, row.registration_id)
        agenda = await session.get(Agenda, row.registration_id)
        if person is None or agenda is None:
            continue
        gone = session_item(after, row.item_id) is None
        if gone:
            row.seated = False
            session.add(row)
        kind = SESSION_LEFT if gone else SESSION_MOVED
        number = f"{row.item_id}.r{after.revision}"
        await _owe(session, person, kind, row.item_id, agenda.version, before, domain, now, number)


def _moved(before: EventSnapshotV1, after: EventSnapshotV1) -> list[int]:
    """The sessions of `before` that `after` moves, renames or no longer has."""
    found = []
    for item in sessions_of(before):
        assert item.id is not None
        now = session_item(after, item.id)
        if now is None or _where_and_when(now) != _where_and_when(item):
            found.append(item.id)
    return found


def _where_and_when(item: ProgrammeItemV1) -> tuple[Any, ...]:
    return (item.title, item.starts_at, item.ends_at, item.room)


async def _sessions_of(session: AsyncSession, registration_id: str) -> dict[int, AgendaSession]:
    rows = await session.exec(
        select(AgendaSession).where(AgendaSession.registration_id == registration_id)
    )
    return {row.item_id: row for row in rows.all()}


def _seat(
    session: AsyncSession,
    held: dict[int, AgendaSession],
    fact: SessionsChangedV1,
    item_id: int,
) -> None:
    """The person holds a seat in the session `item_id` (again)."""
    row = held.get(item_id) or AgendaSession(
        registration_id=fact.registration_id, item_id=item_id, event_id=fact.event_id, seated=True
    )
    row.seated = True
    held[item_id] = row
    session.add(row)


async def _owe(
    session: AsyncSession,
    person: Registrant,
    kind: str,
    item_id: int,
    version: int,
    snapshot: EventSnapshotV1 | None,
    domain: str,
    now: datetime,
    number: str | None = None,
) -> None:
    """One email about one session, keeping the session as now known for when the
    programme no longer has it (its withdrawal still needs its times)."""
    item = session_item(snapshot, item_id) if snapshot is not None else None
    extra: dict[str, Any] = {"item_id": item_id, "version": version}
    if item is not None:
        extra["session"] = item.model_dump(
            mode="json", include={"id", "kind", "title", "room", "starts_at", "ends_at"}
        )
    await deliveries.owe_participant(
        session,
        participant=person,
        kind=kind,
        key=delivery_key(
            round_id(person.registration_id, person.renewal), kind, number or f"{item_id}.{version}"
        ),
        extra=extra,
        domain=domain,
        now=now,
    )
