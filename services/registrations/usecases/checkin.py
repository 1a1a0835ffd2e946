"""Check-in at the door: by the ticket's QR code, its short code or by name; never twice."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.links import (
    QR_PREFIX,
    LinkInvalid,
    read_ticket,
    ticket_payload,
)
from services.registrations.domain.registration_life import Status
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.audit_trail import record
from services.registrations.usecases.facts import Links, fact
from services.registrations.usecases.short_codes import registration_for_short_code
from shared.auth import constant_time_equal
from shared.contracts import RegistrationCheckedInV1
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
    """Mark a confirmed person as arrived; a second check-in is refused with the first's time.
    The UPDATE is conditional, so two devices scanning at once cannot both succeed."""
    registration = await session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.event_id:
        raise NotFound("No such registration at this event")
    if registration.status != Status.CONFIRMED:
        raise Conflict(f"This registration is {registration.status}, not confirmed")
    result = await session.exec(
        update(Registration)
        .where(col(Registration.id) == registration_id, col(Registration.checked_in_at).is_(None))
        .values(checked_in_at=now, checked_in_by=staff)
    )
    if result.rowcount != 1:
        await session.rollback()
        first = await session.get(Registration, registration_id)
        assert first is not None and first.checked_in_at is not None
        raise AlreadyCheckedIn(first.checked_in_at)
    await session.refresh(registration)
    add_to_outbox(
        session, fact(RegistrationCheckedInV1, registration, event, links, now), source=SOURCE
    )
    record(session, event=event, actor=staff, what="checked_in", now=now, registration=registration)
    await session.commit()
    return registration


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
