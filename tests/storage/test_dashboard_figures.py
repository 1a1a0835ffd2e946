"""The dashboard's figures from the registrations themselves, on SQLite and PostgreSQL:
days are the event's (Europe/Rome) days, with the empty ones in between; attendance says
"expected" before the event ends and "no-show" after; an organization's figures are the sum
of its events'."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from services.registrations.domain.form import RegistrationInput
from services.registrations.domain.tally import Attendance, Day
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases import (
    checkin,
    dashboard,
    event_copy,
    registering,
    self_service,
)
from tests.storage.conftest import LINKS, snapshot

pytestmark = pytest.mark.integration

SLUG = "welfare-area-omogenea-cremasca"


async def publish(sessions, **changes) -> EventCopy:
    async with sessions() as session:
        await event_copy.apply_event_snapshot(
            session, snapshot(**changes), links=LINKS, now=datetime.now(UTC)
        )
        await session.commit()
        return await event_copy.find_event(session=session, slug=changes.get("slug", SLUG))


async def register(
    sessions, n: int, now: datetime, slug: str = SLUG, organization: str | None = None
) -> Registration:
    person = RegistrationInput(
        first_name="Chiara",
        last_name=f"Colombo {n}",
        email=f"chiara.colombo{n}@comune-test.it",
        organization=organization,
        privacy_consent=True,
    )
    async with sessions() as session:
        outcome = await registering.register(
            session=session, slug=slug, person=person, language="it", now=now, links=LINKS
        )
        return outcome.registration


async def test_days_are_rome_days_with_empty_ones_and_a_running_total(sessions):
    event = await publish(sessions, capacity=10)
    # 22:30 UTC on 1 December is 23:30 in Rome; 23:30 UTC is already 2 December there.
    for n, moment in enumerate(
        (
            datetime(2026, 12, 1, 22, 30, tzinfo=UTC),
            datetime(2026, 12, 1, 23, 30, tzinfo=UTC),
            datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
            datetime(2026, 12, 4, 10, 0, tzinfo=UTC),
        )
    ):
        await register(sessions, n, moment)

    async with sessions() as session:
        found = await dashboard.event_figures(session=session, event=event, now=datetime.now(UTC))

    assert found.days == [
        Day(date(2026, 12, 1), 1, 1),
        Day(date(2026, 12, 2), 1, 2),
        Day(date(2026, 12, 3), 0, 2),
        Day(date(2026, 12, 4), 2, 4),
    ]
    assert found.received == 4


async def test_attendance_expected_before_the_end_and_no_shows_after(sessions):
    event = await publish(sessions, capacity=10)
    now = datetime.now(UTC)
    people = [await register(sessions, n, now, organization="Comune di Crema") for n in range(4)]
    async with sessions() as session:
        await checkin.check_in(
            session=session,
            event=event,
            registration_id=people[0].id,
            staff="door",
            now=now,
            links=LINKS,
        )
    async with sessions() as session:
        await self_service.cancel(
            session=session, registration_id=people[3].id, now=now, links=LINKS
        )

    async with sessions() as session:
        event = await event_copy.find_event(session=session, slug=SLUG)
        before = await dashboard.event_figures(session=session, event=event, now=now)
        after = await dashboard.event_figures(
            session=session, event=event, now=event.ends_at + timedelta(minutes=1)
        )
        rows = (await session.exec(select(Registration))).all()

    assert before.attendance == Attendance(checked_in=1, expected=2)
    assert after.attendance == Attendance(checked_in=1, no_show=2)
    assert before.by_status["confirmed"] == 3 and before.by_status["cancelled"] == 1
    assert before.organizations.top == [("Comune di Crema", 3)]
    assert len(rows) == 4


async def test_an_organization_sums_its_events(sessions):
    first = await publish(sessions, capacity=10)
    second = await publish(
        sessions,
        capacity=10,
        days_ahead=12,
        id="5b2e9a10-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
        slug="secondo-convegno",
        page_url="http://localhost:8001/events/secondo-convegno",
    )
    now = datetime.now(UTC)
    await register(sessions, 1, now, organization="Comune di Lodi")
    await register(sessions, 2, now, slug=second.slug, organization="Comune di Lodi")
    await register(sessions, 3, now, slug=second.slug)

    async with sessions() as session:
        found = await dashboard.organization_figures(
            session=session, organization_slug=first.organization_slug, now=now
        )

    assert [(line.event.slug, line.figures.received) for line in found.events] == [
        ("secondo-convegno", 2),  # the latest first
        (SLUG, 1),
    ]
    assert found.totals.received == 3
    assert found.totals.organizations.top == [("Comune di Lodi", 2), ("", 1)]
    assert found.totals.attendance == Attendance(expected=3)
