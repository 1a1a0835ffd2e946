"""Entries and exits at the door: by the ticket's QR code, its short code or by name; never
two entries (or two exits) in a row, whichever devices scan."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.attendance import day_began
from services.registrations.domain.links import (
    QR_PREFIX,
    LinkInvalid,
    read_ticket,
    ticket_payload,
)
from services.registrations.domain.registration_life import Status
from services.registrations.storage.tables import DoorScan, EventCopy, Registration
from services.registrations.usecases.audit_trail import record
from services.registrations.usecases.facts import Links, fact
from services.registrations.usecases.short_codes import registration_for_short_code
from shared.auth import constant_time_equal
from shared.contracts import RegistrationCheckedInV1, RegistrationCheckedOutV1
from shared.errors import Conflict, Invalid, NotFound
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"


class AlreadyCheckedIn(Conflict):
    def __init__(self, at: datetime) -> None:
        super().__init__(f"Already checked in at {at.isoformat(timespec='seconds')}")
        self.at = at


async def registration_for_code(
    *, session: AsyncSession, event: EventCopy, code: str, secret: str
) -> str:
    """The registration a ticket names: by the text of its QR code (its signature checked),
    or by its short code read out and typed."""
    if not code.strip().startswith(QR_PREFIX):
        return (await registration_for_short_code(session, event, code)).id
    try:
        registration_id, signature = read_ticket(code)
    except LinkInvalid as exc:
        raise Invalid("This is not one of our tickets") from exc
    registration = await session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.event_id:
        raise NotFound("No registration for this ticket at this event")
    expected = ticket_payload(registration.id, registration.ticket_code, secret=secret)
    if not constant_time_equal(expected.rsplit(":", 1)[1], signature):
        raise Invalid("This ticket's signature does not match: it may be forged")
    return registration.id


async def check_in(
    *,
    session: AsyncSession,
    event: EventCopy,
    registration_id: str,
    staff: str,
    now: datetime,
    links: Links,
) -> Registration:
    """Mark a confirmed person as arrived (again, after an exit: back from lunch, the next
    day); an entry while they are inside today is refused with that entry's time. The UPDATE
    is conditional, so two devices scanning at once cannot both succeed."""
    registration = await at_event(session, event, registration_id)
    if registration.status != Status.CONFIRMED:
        raise Conflict(f"This registration is {registration.status}, not confirmed")
    inside = col(Registration.present_since)
    result = await session.exec(
        update(Registration)
        .where(
            col(Registration.id) == registration_id,
            inside.is_(None) | (inside < day_began(now, event.timezone)),
        )
        .values(
            present_since=now,
            checked_in_at=func.coalesce(col(Registration.checked_in_at), now),
            checked_in_by=func.coalesce(col(Registration.checked_in_by), staff),
        )
    )
    if result.rowcount != 1:
        await session.rollback()
        first = await session.get(Registration, registration_id)
        assert first is not None and first.present_since is not None
        raise AlreadyCheckedIn(first.present_since)
    entry = await _scanned(session, registration, now, staff, leaving=False)
    checked_in = fact(RegistrationCheckedInV1, registration, event, links, now, entry=entry)
    add_to_outbox(session, checked_in, source=SOURCE)
    record(session, event=event, actor=staff, what="checked_in", now=now, registration=registration)
    await session.commit()
    return registration


class NotInside(Conflict):
    def __init__(self) -> None:
        super().__init__("Not checked in today: there is no entry for this exit to close")


async def check_out(
    *,
    session: AsyncSession,
    event: EventCopy,
    registration_id: str,
    staff: str,
    now: datetime,
    links: Links,
) -> Registration:
    """Mark a person as gone: their stay since today's entry ends now. Refused when they
    have no entry today (an exit scanned twice, or a ticket never scanned in)."""
    registration = await at_event(session, event, registration_id)
    inside = col(Registration.present_since)
    result = await session.exec(
        update(Registration)
        .where(
            col(Registration.id) == registration_id,
            inside >= day_began(now, event.timezone),
        )
        .values(present_since=None)
    )
    if result.rowcount != 1:
        await session.rollback()
        raise NotInside()
    exit_number = await _scanned(session, registration, now, staff, leaving=True)
    checked_out = fact(RegistrationCheckedOutV1, registration, event, links, now, exit=exit_number)
    add_to_outbox(session, checked_out, source=SOURCE)
    record(
        session, event=event, actor=staff, what="checked_out", now=now, registration=registration
    )
    await session.commit()
    return registration


async def at_event(session: AsyncSession, event: EventCopy, registration_id: str) -> Registration:
    registration = await session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.event_id:
        raise NotFound("No such registration at this event")
    return registration


async def _scanned(
    session: AsyncSession, registration: Registration, now: datetime, staff: str, *, leaving: bool
) -> int:
    """Record the scan (the registration's row is refreshed from the UPDATE); returns how
    many entries (or exits) the person has now, this one included."""
    await session.refresh(registration)
    session.add(
        DoorScan(
            registration_id=registration.id,
            event_id=registration.event_id,
            scanned_at=now,
            leaving=leaving,
            scanned_by=staff,
        )
    )
    await session.flush()
    counted = await session.exec(
        select(func.count()).where(
            DoorScan.registration_id == registration.id, DoorScan.leaving == leaving
        )
    )
    return int(counted.one())


async def scan_at_door(
    *,
    session: AsyncSession,
    event: EventCopy,
    code: str | None,
    registration_id: str | None,
    leaving: bool,
    staff: str,
    now: datetime,
    links: Links,
) -> Registration:
    """An entry (or, `leaving`, an exit) by the ticket's code, or by the registration (found
    by name)."""
    if code and code.strip():
        registration_id = await registration_for_code(
            session=session, event=event, code=code, secret=links.secret
        )
    if not registration_id:
        raise Invalid("Give a ticket code or a registration")
    scan = check_out if leaving else check_in
    try:
        return await scan(
            session=session,
            event=event,
            registration_id=registration_id,
            staff=staff,
            now=now,
            links=links,
        )
    except (AlreadyCheckedIn, NotInside):
        await session.refresh(event)  # its rollback expired every row: callers still read it
        raise


async def counts(*, session: AsyncSession, event_id: str) -> dict[str, int]:
    """How many by status, plus how many are in (checked in)."""
    rows = await session.exec(
        select(Registration.status, func.count())
        .where(Registration.event_id == event_id)
        .group_by(col(Registration.status))
    )
    result = {status: int(n) for status, n in rows.all()}
    arrived = await session.exec(
        select(func.count()).where(
            Registration.event_id == event_id, col(Registration.checked_in_at).is_not(None)
        )
    )
    result["checked_in"] = int(arrived.one())
    return result


async def search(*, session: AsyncSession, event_id: str, text: str) -> list[Registration]:
    """Confirmed people whose name or organization contains `text` (for the door)."""
    pattern = f"%{text.strip().lower()}%"
    found = await session.exec(
        select(Registration)
        .where(
            Registration.event_id == event_id,
            Registration.status == Status.CONFIRMED,
            func.lower(Registration.first_name + " " + Registration.last_name).like(pattern)
            | func.lower(func.coalesce(Registration.organization, "")).like(pattern),
        )
        .order_by(col(Registration.last_name))
        .limit(50)
    )
    return list(found.all())
