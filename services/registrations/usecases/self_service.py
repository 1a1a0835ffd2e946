"""What a person does through the signed links in their emails: confirm their address,
accept an offered seat, switch between in person and online, cancel."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.errors import ExpiredLink
from services.registrations.domain.states import ACTIVE, HOLDS_SEAT, modes_of
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.event_copy import form_settings
from services.registrations.usecases.facts import Links, fact
from services.registrations.usecases.seats import promote_next, release_seat, take_seat
from shared.contracts import (
    RegistrationCancelledV1,
    RegistrationConfirmedV1,
    RegistrationModeChangedV1,
    RegistrationPromotedV1,
)
from shared.errors import Conflict, NotFound
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"


async def load(
    session: AsyncSession, registration_id: str, *, lock: bool = False
) -> tuple[Registration, EventCopy]:
    """The registration and its event; `lock` holds the registration's row until the use case
    commits, so that two changes of one person (a double click, a sweeper on another replica)
    are made one after the other, the second seeing the first."""
    registration = await session.get(
        Registration, registration_id, with_for_update=lock, populate_existing=lock
    )
    if registration is None or registration.erased_at is not None:
        raise NotFound("This registration no longer exists")
    event = await session.get(EventCopy, registration.event_id)
    assert event is not None
    return registration, event


async def confirm_address(
    *, session: AsyncSession, registration_id: str, now: datetime, links: Links
) -> Registration:
    """Double opt-in: the emailed link was followed in time. Following it twice is fine."""
    registration, event = await load(session, registration_id, lock=True)
    if registration.status == "confirmed":
        return registration
    if registration.status != "pending" or (registration.confirm_by or now) < now:
        raise ExpiredLink()
    registration.status, registration.confirm_by = "confirmed", None
    session.add(registration)
    add_to_outbox(
        session, fact(RegistrationConfirmedV1, registration, event, links, now), source=SOURCE
    )
    await session.commit()
    return registration


async def accept_offer(
    *, session: AsyncSession, registration_id: str, offer: int, now: datetime, links: Links
) -> Registration:
    """The waitlisted person takes the seat held for them, before the offer lapses."""
    registration, event = await load(session, registration_id, lock=True)
    if registration.status == "confirmed" and registration.offers == offer:
        return registration
    live = registration.status == "offered" and registration.offers == offer
    if not live or (registration.offer_expires_at or now) < now:
        raise ExpiredLink()
    registration.status, registration.offer_expires_at = "confirmed", None
    session.add(registration)
    add_to_outbox(
        session, fact(RegistrationPromotedV1, registration, event, links, now), source=SOURCE
    )
    await session.commit()
    return registration


async def cancel(
    *,
    session: AsyncSession,
    registration_id: str,
    now: datetime,
    links: Links,
    reason: str = "by_person",
) -> Registration:
    """End a registration; a seat it held goes to the first on the waitlist."""
    registration, event = await load(session, registration_id, lock=True)
    if registration.status not in ACTIVE:
        return registration
    await end(session, registration, event, "cancelled", reason, links=links, now=now)
    await session.commit()
    return registration


async def end(
    session: AsyncSession,
    registration: Registration,
    event: EventCopy,
    status: str,
    reason: str,
    *,
    links: Links,
    now: datetime,
) -> None:
    """Move to an ended status, free the seat, offer it on (no commit)."""
    held = registration.status in HOLDS_SEAT
    invited = registration.status == "confirmed"
    registration.status, registration.cancelled_at = status, now
    registration.confirm_by = registration.offer_expires_at = None
    session.add(registration)
    cancelled = fact(
        RegistrationCancelledV1, registration, event, links, now, reason=reason, held_seat=invited
    )
    add_to_outbox(session, cancelled, source=SOURCE)
    if held:
        await release_seat(session, event.event_id, registration.mode)
        settings = await form_settings(session, event.event_id)
        await promote_next(session, event, settings, registration.mode, links=links, now=now)


async def switch_mode(
    *, session: AsyncSession, registration_id: str, to: str, now: datetime, links: Links
) -> Registration:
    """In person <-> online, when a seat of the other kind is free."""
    registration, event = await load(session, registration_id, lock=True)
    if to not in modes_of(event.attendance_mode) or registration.mode == to:
        raise Conflict("This event cannot be attended that way")
    if registration.status != "confirmed":
        raise Conflict("Only a confirmed registration can change how it attends")
    if not await take_seat(session, event.event_id, to):
        await session.rollback()
        raise Conflict("No seat of that kind is free")
    before = registration.mode
    registration.mode, registration.mode_changes = to, registration.mode_changes + 1
    session.add(registration)
    await release_seat(session, event.event_id, before)
    changed = fact(
        RegistrationModeChangedV1, registration, event, links, now, change=registration.mode_changes
    )
    add_to_outbox(session, changed, source=SOURCE)
    settings = await form_settings(session, event.event_id)
    await promote_next(session, event, settings, before, links=links, now=now)
    await session.commit()
    return registration
