"""Sessions with their own seats, at the storage level, on SQLite and PostgreSQL: a two-day
assembly with three parallel workshops of 30 seats per round, and a rush of 300 people
registering and picking one workshop of each round. No workshop is over capacity, each line
is numbered in arrival order without gaps, nobody's choice is lost; seats freed go to the
first in line; overlapping choices are refused before anything is written."""

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import func, select

from services.registrations.domain.form import RegistrationInput
from services.registrations.domain.sessions import SessionsRefused
from services.registrations.storage.sessions import SessionChoice, SessionSeats
from services.registrations.storage.tables import Registration
from services.registrations.usecases import event_copy, registering, self_service
from shared.contracts import ProgrammeItemV1, TrackV1
from tests.storage.conftest import LINKS, snapshot
from tests.support.workshops import ROOMS, SEATS, TRACKS, WORKSHOPS

pytestmark = pytest.mark.integration

PEOPLE = 300
SLUG = "welfare-area-omogenea-cremasca"


def programme(first_day: datetime) -> tuple[ProgrammeItemV1, ...]:
    """Two rounds of three workshops (ids 11-13 and 21-23), 30 seats each."""
    rounds = ((first_day.replace(hour=9), 1), (first_day.replace(hour=14), 2))
    return tuple(
        ProgrammeItemV1(
            id=10 * number + n,
            kind="workshop",
            title=f"{title} ({number})",
            room=room,
            track=track["name"],
            seats=SEATS,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        )
        for starts, number in rounds
        for n, ((title, _), room, track) in enumerate(zip(WORKSHOPS, ROOMS, TRACKS, strict=True), 1)
    )


def person(n: int, chosen: tuple[int, ...]) -> RegistrationInput:
    return RegistrationInput(
        first_name="Chiara",
        last_name=f"Colombo {n}",
        email=f"chiara.colombo{n}@comune-test.it",
        organization="Comune di Crema",
        privacy_consent=True,
        sessions=chosen,
    )


def picks(n: int) -> tuple[int, ...]:
    """Everyone wants the first table of the morning or one of the others, and any table of
    the afternoon: more than 30 want each."""
    return (11 + n % 3, 21 + (n * 7) % 3)


async def publish(sessions) -> None:
    starts = datetime.combine(date.today() + timedelta(days=10), datetime.min.time(), UTC)
    tracks = tuple(TrackV1(**track) for track in TRACKS)
    given = snapshot(capacity=PEOPLE + 10, programme=programme(starts), tracks=tracks)
    given = given.model_copy(update={"starts_at": starts, "ends_at": starts + timedelta(hours=18)})
    async with sessions() as session:
        await event_copy.apply_event_snapshot(session, given, links=LINKS, now=datetime.now(UTC))
        await session.commit()


async def register(sessions, n: int, chosen: tuple[int, ...]) -> registering.Outcome:
    async with sessions() as session:
        return await registering.register(
            session=session,
            slug=SLUG,
            person=person(n, chosen),
            language="it",
            now=datetime.now(UTC),
            links=LINKS,
        )


async def cancel(sessions, registration_id: str) -> None:
    async with sessions() as session:
        await self_service.cancel(
            session=session, registration_id=registration_id, now=datetime.now(UTC), links=LINKS
        )


async def rows(sessions, model) -> list:
    async with sessions() as session:
        return list((await session.exec(select(model))).all())


def lines(choices: list[SessionChoice]) -> dict[int, list[int]]:
    """Each session's waiting positions, in order."""
    found: dict[int, list[int]] = {}
    for choice in sorted(choices, key=lambda c: c.position or 0):
        if not choice.seated:
            found.setdefault(choice.item_id, []).append(choice.position)
    return found


async def test_a_rush_of_300_on_workshops_of_30_overbooks_none_and_loses_nobody(sessions):
    await publish(sessions)

    outcomes = await asyncio.gather(*(register(sessions, n, picks(n)) for n in range(PEOPLE)))

    choices = await rows(sessions, SessionChoice)
    seats = {s.item_id: s for s in await rows(sessions, SessionSeats)}
    assert {o.status for o in outcomes} == {"confirmed"}
    wanted = Counter(item for n in range(PEOPLE) for item in picks(n))
    confirmed = Counter(c.item_id for c in choices if c.seated)
    assert len(choices) == 2 * PEOPLE  # every choice of every person is there
    assert confirmed == {item: SEATS for item in wanted}  # full, and not one more
    assert {item: s.taken for item, s in seats.items()} == dict(confirmed)
    for item, positions in lines(choices).items():  # the rest waits, numbered 1, 2, 3...
        assert positions == list(range(1, wanted[item] - SEATS + 1)), item


async def test_a_freed_seat_goes_to_the_first_in_line_and_a_late_one_queues_last(sessions):
    await publish(sessions)
    holders = [await register(sessions, n, (11,)) for n in range(SEATS)]
    waiting = [await register(sessions, SEATS + n, (11,)) for n in range(3)]

    await asyncio.gather(*(cancel(sessions, h.registration.id) for h in holders[:2]))
    late = await register(sessions, 99, (11,))

    choices = {c.registration_id: c for c in await rows(sessions, SessionChoice)}
    assert [choices[w.registration.id].seated for w in waiting] == [True, True, False]
    assert choices[late.registration.id].position == 4  # after the three, whoever left
    assert holders[0].registration.id not in choices
    seats = {s.item_id: s.taken for s in await rows(sessions, SessionSeats)}
    assert seats[11] == SEATS


async def test_overlapping_sessions_are_refused_and_nothing_is_written(sessions):
    await publish(sessions)

    with pytest.raises(SessionsRefused) as refused:
        await register(sessions, 1, (11, 12))

    assert "are at the same time" in str(refused.value)
    async with sessions() as session:
        count = (await session.exec(select(func.count()).select_from(Registration))).one()
    assert count == 0
    assert await rows(sessions, SessionChoice) == []
