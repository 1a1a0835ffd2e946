"""The seat rules at the storage level, on SQLite and PostgreSQL: a freed seat goes to the
first in line exactly once, even when cancellations race; lapsed offers and unconfirmed
registrations pass their seat on; retention erases people and keeps counts."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from services.registrations.domain.form import RegistrationInput
from services.registrations.storage.tables import (
    EventCopy,
    FormSettings,
    OutboxMessage,
    Registration,
)
from services.registrations.usecases import event_copy, expiry, registering, self_service
from tests.storage.conftest import LINKS, snapshot

pytestmark = pytest.mark.integration


def person(n: int) -> RegistrationInput:
    return RegistrationInput(
        first_name="Chiara",
        last_name=f"Colombo {n}",
        email=f"chiara.colombo{n}@comune-test.it",
        organization="Comune di Crema",
        privacy_consent=True,
    )


async def publish(sessions, **changes) -> EventCopy:
    async with sessions() as session:
        await event_copy.apply_event_snapshot(
            session, snapshot(**changes), links=LINKS, now=datetime.now(UTC)
        )
        await session.commit()
        return await event_copy.find_event(session=session, slug="welfare-area-omogenea-cremasca")


async def set_form(sessions, event: EventCopy, **values) -> None:
    async with sessions() as session:
        session.add(FormSettings(event_id=event.event_id, **values))
        await session.commit()


async def register(sessions, n: int, now: datetime | None = None) -> registering.Outcome:
    async with sessions() as session:
        return await registering.register(
            session=session,
            slug="welfare-area-omogenea-cremasca",
            person=person(n),
            language="it",
            now=now or datetime.now(UTC),
            links=LINKS,
        )


async def statuses(sessions) -> dict[str, str]:
    async with sessions() as session:
        rows = await session.exec(select(Registration.last_name, Registration.status))
        return {name.removeprefix("Colombo "): status for name, status in rows.all()}


async def facts(sessions, subject: str) -> list[str]:
    async with sessions() as session:
        rows = await session.exec(
            select(OutboxMessage.envelope).where(OutboxMessage.subject == subject)
        )
        return list(rows.all())


async def cancel(sessions, registration_id: str) -> None:
    async with sessions() as session:
        await self_service.cancel(
            session=session, registration_id=registration_id, now=datetime.now(UTC), links=LINKS
        )


async def test_two_racing_cancellations_offer_each_seat_to_one_person(sessions):
    await publish(sessions, capacity=2)
    first, second = [(await register(sessions, n)).registration for n in (1, 2)]
    for n in (3, 4, 5):
        await register(sessions, n)

    await asyncio.gather(cancel(sessions, first.id), cancel(sessions, second.id))

    assert await statuses(sessions) == {
        "1": "cancelled",
        "2": "cancelled",
        "3": "offered",
        "4": "offered",
        "5": "waitlisted",
    }
    assert len(await facts(sessions, "registrations.registration.offered")) == 2


async def test_a_lapsed_offer_passes_to_the_next_in_line(sessions):
    await publish(sessions, capacity=1)
    holder = (await register(sessions, 1)).registration
    await register(sessions, 2)
    await register(sessions, 3)
    await cancel(sessions, holder.id)

    async with sessions() as session:
        later = datetime.now(UTC) + timedelta(hours=49)
        await expiry.expire_overdue(session=session, now=later, links=LINKS)

    assert await statuses(sessions) == {"1": "cancelled", "2": "lapsed", "3": "offered"}


async def test_an_offer_near_the_event_confirms_at_once(sessions):
    await publish(sessions, capacity=1, days_ahead=1)
    holder = (await register(sessions, 1)).registration
    await register(sessions, 2)

    await cancel(sessions, holder.id)

    assert await statuses(sessions) == {"1": "cancelled", "2": "confirmed"}
    assert len(await facts(sessions, "registrations.registration.promoted")) == 1


async def test_an_unconfirmed_registration_expires_and_its_seat_goes_on(sessions):
    event = await publish(sessions, capacity=1)
    await set_form(sessions, event, double_opt_in=True, confirm_hours=2)
    pending = await register(sessions, 1)
    waiting = await register(sessions, 2)

    async with sessions() as session:
        later = datetime.now(UTC) + timedelta(hours=3)
        await expiry.expire_overdue(session=session, now=later, links=LINKS)

    assert (pending.status, waiting.status, waiting.waitlist_place) == ("pending", "waitlisted", 1)
    assert await statuses(sessions) == {"1": "expired", "2": "offered"}


async def test_the_same_address_at_once_is_one_registration(sessions):
    await publish(sessions, capacity=10)

    outcomes = await asyncio.gather(*(register(sessions, 7) for _ in range(8)))

    ids = {outcome.registration.id for outcome in outcomes}
    async with sessions() as session:
        rows = (await session.exec(select(Registration.id))).all()
    assert len(ids) == 1
    assert rows == list(ids)
    assert sum(1 for outcome in outcomes if not outcome.already) == 1


async def test_retention_erases_people_and_keeps_the_counts(sessions):
    await publish(sessions, capacity=3, days_ahead=2)
    for n in (1, 2, 3, 4):
        await register(sessions, n)

    async with sessions() as session:
        long_after = datetime.now(UTC) + timedelta(days=400)
        erased = await expiry.erase_past_retention(session=session, now=long_after)
    async with sessions() as session:
        rows = (await session.exec(select(Registration))).all()
        event = (await session.exec(select(EventCopy))).one()

    assert erased == 4
    assert {(r.first_name, r.email, r.phone, r.organization) for r in rows} == {
        ("—", "—", None, None)
    }
    assert sorted(r.status for r in rows) == ["confirmed"] * 3 + ["waitlisted"]
    assert event.seats_taken == 3


async def test_seat_counter_matches_the_people_holding_seats(sessions):
    await publish(sessions, capacity=5)
    outcomes = [await register(sessions, n) for n in range(12)]
    for outcome in outcomes[:4]:
        await cancel(sessions, outcome.registration.id)

    async with sessions() as session:
        event = (await session.exec(select(EventCopy))).one()
        holding = await session.exec(
            select(Registration.id).where(
                col(Registration.status).in_(("pending", "offered", "confirmed"))
            )
        )
        seats = len(holding.all())

    assert event.seats_taken == seats == 5


async def test_a_bigger_room_moves_the_waitlist_up_in_order(sessions):
    await publish(sessions, capacity=1)
    for n in (1, 2, 3, 4):
        await register(sessions, n)

    await publish(sessions, capacity=3, revision=2)

    assert await statuses(sessions) == {
        "1": "confirmed",
        "2": "offered",
        "3": "offered",
        "4": "waitlisted",
    }


async def test_the_same_cancellation_twice_at_once_frees_its_seat_once(sessions):
    await publish(sessions, capacity=1)
    holder = (await register(sessions, 1)).registration
    for n in (2, 3):
        await register(sessions, n)

    await asyncio.gather(*(cancel(sessions, holder.id) for _ in range(3)))

    assert await statuses(sessions) == {"1": "cancelled", "2": "offered", "3": "waitlisted"}
    assert len(await facts(sessions, "registrations.registration.cancelled")) == 1
    assert len(await facts(sessions, "registrations.registration.offered")) == 1


async def test_sweepers_of_several_replicas_at_once_end_a_lapsed_offer_once(sessions):
    await publish(sessions, capacity=1)
    holder = (await register(sessions, 1)).registration
    for n in (2, 3, 4):
        await register(sessions, n)
    await cancel(sessions, holder.id)
    later = datetime.now(UTC) + timedelta(hours=49)

    async def sweep() -> None:
        async with sessions() as session:
            await expiry.expire_overdue(session=session, now=later, links=LINKS)

    await asyncio.gather(*(sweep() for _ in range(3)))

    assert await statuses(sessions) == {
        "1": "cancelled",
        "2": "lapsed",
        "3": "offered",
        "4": "waitlisted",
    }
    assert len(await facts(sessions, "registrations.registration.offered")) == 2
