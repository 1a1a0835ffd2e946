"""A draft's copy in the registrations database, on SQLite and PostgreSQL: the newest save of
a draft is kept, publishing supersedes every save, a late draft fact never overwrites a
published copy, and a draft takes no registration and publishes no availability."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from services.registrations.domain.errors import RegistrationClosed
from services.registrations.storage.tables import EventCopy, OutboxMessage, Registration
from services.registrations.usecases import event_copy
from tests.storage.conftest import LINKS, snapshot
from tests.storage.test_waitlist import register

pytestmark = pytest.mark.integration

SAVED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def draft(title: str = "Bozza", **changes):
    return snapshot(capacity=50, revision=0, status="draft", title=title, **changes)


async def save_draft(sessions, saved_at: datetime, **changes) -> None:
    async with sessions() as session:
        await event_copy.apply_draft(
            session, draft(**changes), saved_at=saved_at, now=datetime.now(UTC)
        )
        await session.commit()


async def publish(sessions, **changes) -> None:
    async with sessions() as session:
        await event_copy.apply_event_snapshot(
            session, snapshot(capacity=50, **changes), links=LINKS, now=datetime.now(UTC)
        )
        await session.commit()


async def copies(sessions) -> list[tuple[str, str, int]]:
    async with sessions() as session:
        rows = await session.exec(select(EventCopy.title, EventCopy.status, EventCopy.revision))
        return list(rows.all())


async def subjects(sessions) -> list[str]:
    async with sessions() as session:
        return list((await session.exec(select(OutboxMessage.subject))).all())


async def test_draft_newest_save_is_kept_whatever_the_order(sessions):
    await save_draft(sessions, SAVED + timedelta(minutes=2), title="Seconda")
    await save_draft(sessions, SAVED, title="Prima")

    assert await copies(sessions) == [("Seconda", "draft", 0)]


async def test_draft_is_superseded_by_publishing_and_a_late_draft_changes_nothing(sessions):
    await save_draft(sessions, SAVED, title="Bozza")
    await publish(sessions, title="Pubblicato")

    await save_draft(sessions, SAVED + timedelta(hours=1), title="Bozza tardiva")

    assert await copies(sessions) == [("Pubblicato", "published", 1)]


async def test_draft_takes_no_registration_and_publishes_no_availability(sessions):
    await save_draft(sessions, SAVED)

    with pytest.raises(RegistrationClosed):
        await register(sessions, 1)

    async with sessions() as session:
        assert (await session.exec(select(Registration))).all() == []
    assert await subjects(sessions) == []


async def test_draft_is_not_found_at_its_public_address(sessions):
    await save_draft(sessions, SAVED)

    async with sessions() as session:
        with pytest.raises(event_copy.DraftNotShown):
            await event_copy.find_public_event(
                session=session, slug="welfare-area-omogenea-cremasca"
            )
        found = await event_copy.find_event(session=session, slug="welfare-area-omogenea-cremasca")

    assert found.status == "draft"
