"""What a person does through the signed links in their emails: confirm their address,
accept an offered seat, switch between in person and online, cancel. `confirm` and `end`
also serve the organizers' decisions and the sweeper."""

from datetime import datetime
from typing import Literal

from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import registration_life
from services.registrations.domain.errors import ExpiredLink
from services.registrations.domain.guards import Given
from services.registrations.domain.link_stage import Stage, link_stage
from services.registrations.domain.registration_life import HOLDS_SEAT, Action, Status, modes_of
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases import sessions
from services.registrations.usecases.availability import follow_seats
from services.registrations.usecases.event_copy import form_settings
from services.registrations.usecases.facts import Links, fact, fact_of
from services.registrations.usecases.seats import promote_next, release_seat, take_seat
from shared.contracts import RegistrationModeChangedV1
from shared.errors import Conflict, NotFound
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"
LinkAction = Literal[Action.CONFIRM_ADDRESS, Action.ACCEPT_OFFER]


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


async def follow_link(
    *,
    session: AsyncSession,
    registration_id: str,
    action: LinkAction,
    now: datetime,
    links: Links,
    offer: int | None = None,
) -> Registration:
    """An emailed link's button: confirm the address (double opt-in), or accept the seat
    of the `offer` the link names, in time. Following a link twice is fine."""
    registration, event = await load(session, registration_id, lock=True)
    given = Given(now=now, offer=offer)
    stage = link_stage(registration, action, given)
    if stage is Stage.DONE:
        return registration
    if stage is Stage.LAPSED:
        raise ExpiredLink()
    confirm(session, registration, event, action, given, links=links)
    await session.commit()
    return registration


def confirm(
    session: AsyncSession,
    registration: Registration,
    event: EventCopy,
    action: Action,
    given: Given,
    *,
    links: Links,
) -> None:
    """Move to confirmed by `action`, waiting for nothing any more, and stage the fact the
    move publishes (no commit)."""
    step = registration_life.TABLE.step(registration, action, given)
    registration_life.TABLE.move(registration, step)
    registration.confirm_by = registration.offer_expires_at = None
    session.add(registration)
    add_to_outbox(session, fact_of(step, registration, event, links, given.now), source=SOURCE)


async def cancel(
    *, session: AsyncSession, registration_id: str, now: datetime, links: Links
) -> Registration:
    """End a registration; a seat it held goes to the first on the waitlist."""
    registration, event = await load(session, registration_id, lock=True)
    if registration_life.settled(registration, Action.CANCEL):
        return registration
    await end(session, registration, event, Action.CANCEL, links=links, now=now)
    await session.commit()
    return registration


async def end(
    session: AsyncSession,
    registration: Registration,
    event: EventCopy,
    action: Action,
    *,
    links: Links,
    now: datetime,
) -> None:
    """End by `action` (cancel, decline, expire, lapse), free the seat, offer it on (no
    commit)."""
    step = registration_life.TABLE.step(registration, action, Given(now=now))
    registration_life.TABLE.move(registration, step)
    registration.cancelled_at = now
    registration.confirm_by = registration.offer_expires_at = None
    session.add(registration)
    add_to_outbox(session, fact_of(step, registration, event, links, now), source=SOURCE)
    await sessions.leave_all(session, registration.id, event.event_id, now=now)  # seats given on
    if step.origin in HOLDS_SEAT:
        # The band is told once: after the seat went to the next in line, or stayed free.
        freed = await release_seat(session, event.event_id, registration.mode, announce=False)
        settings = await form_settings(session, event.event_id)
        if (
            not await promote_next(
                session, event, settings, registration.mode, links=links, now=now
            )
            and freed is not None
        ):
            await follow_seats(session, event.event_id, freed)


async def switch_mode(
    *, session: AsyncSession, registration_id: str, to: str, now: datetime, links: Links
) -> Registration:
    """In person <-> online, when a seat of the other kind is free."""
    registration, event = await load(session, registration_id, lock=True)
    if to not in modes_of(event.attendance_mode) or registration.mode == to:
        raise Conflict("This event cannot be attended that way")
    if registration.status != Status.CONFIRMED:
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
