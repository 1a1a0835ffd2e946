"""Time-driven changes: opt-ins not followed, offers not accepted, personal data past its
retention. Run periodically; each sweep is safe to repeat and to run on every replica."""

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain import registration_life
from services.registrations.domain.guards import Given
from services.registrations.domain.registration_life import Action, Status
from services.registrations.storage.tables import Answer, EventCopy, FormSettings, Registration
from services.registrations.usecases.facts import Links
from services.registrations.usecases.self_service import end, load

ERASED = "—"
OVERDUE = (Action.EXPIRE, Action.LAPSE)  # the guards tell which deadline has passed


async def expire_overdue(*, session: AsyncSession, now: datetime, links: Links) -> int:
    """Pendings past their confirm-by and offers past their deadline end; their seats move on."""
    status = col(Registration.status)
    unconfirmed = (status == Status.PENDING) & (col(Registration.confirm_by) < now)
    unaccepted = (status == Status.OFFERED) & (col(Registration.offer_expires_at) < now)
    found = (await session.exec(select(Registration.id).where(unconfirmed | unaccepted))).all()
    for registration_id in found:
        registration, event = await load(session, registration_id, lock=True)
        step = registration_life.TABLE.pick(registration, OVERDUE, Given(now=now))
        if step is None:  # another replica (or the person) got there first
            await session.rollback()  # and let go of the row
            continue
        await end(session, registration, event, step.action, links=links, now=now)
        await session.commit()
    return len(found)


async def erase_past_retention(*, session: AsyncSession, now: datetime) -> int:
    """Personal fields emptied once an event is `retention_days` past; counts stay."""
    events = (await session.exec(select(EventCopy).where(col(EventCopy.ends_at) < now))).all()
    erased = 0
    for event in events:
        settings = await session.get(FormSettings, event.event_id)
        days = (
            settings.retention_days
            if settings
            else FormSettings.model_fields["retention_days"].default
        )
        if event.ends_at + timedelta(days=days) <= now:
            erased += await _erase_event(session, event.event_id, now)
    await session.commit()
    return erased


async def _erase_event(session: AsyncSession, event_id: str, now: datetime) -> int:
    people = (
        await session.exec(
            select(Registration).where(
                Registration.event_id == event_id, col(Registration.erased_at).is_(None)
            )
        )
    ).all()
    for registration in people:
        erase_person(registration, now)
        session.add(registration)
    if people:
        ids = [r.id for r in people]
        await session.exec(delete(Answer).where(col(Answer.registration_id).in_(ids)))
    return len(people)


def erase_person(registration: Registration, now: datetime) -> None:
    """Empty every personal field; the email key becomes the id so the row stays unique.
    The feed id goes too: it tied this registration to the address's others."""
    registration.first_name = registration.last_name = ERASED
    registration.email, registration.email_key = ERASED, f"erased:{registration.id}"
    registration.feed_id = ""
    registration.phone = registration.organization = registration.role = None
    registration.accessibility, registration.accessibility_other = "[]", None  # health data
    registration.checked_in_by = None
    registration.erased_at = now
