"""A database of the previous release, with its rows, upgraded to this one: every row is still
there and today's models (and the services' readers) make sense of it."""

import asyncio
import json
from collections.abc import Awaitable, Callable

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select

from services.events.storage.tables import ApiToken, Event, EventRevision, Membership
from services.events.usecases.reading import build_from_rows
from services.notifications.storage.tables import Delivery, KnownEvent, Participant, ScheduledMail
from services.registrations.domain.ticket_codes import read_code, spoken
from services.registrations.storage.tables import Answer, EventCopy, FormSettings, Registration
from services.registrations.usecases.organizer import summary
from shared.contracts import EventSnapshotV1
from shared.db import create_engine, session_factory
from shared.migrations import alembic_config, upgrade
from tests.migrations import previous_release as old
from tests.migrations.previous_release import events, notifications, registrations
from tests.migrations.schema import head_of, migrations_of

pytestmark = pytest.mark.integration

# The migration heads of the last release. At each release, move them to that release's heads
# (and adapt previous_release/ to those tables): the test then proves that what a deployed
# database holds survives the upgrade to what is about to ship.
PREVIOUS_RELEASE = {"events": "0003", "registrations": "0004", "notifications": "0003"}

Rows = Callable[[AsyncConnection], Awaitable[None]]


async def upgraded_from_previous_release(service: str, url: str, rows: Rows) -> str:
    """Migrate to the previous release, write its rows, upgrade to head; the revision then."""
    config = alembic_config(url, migrations_of(service))
    await asyncio.to_thread(command.upgrade, config, PREVIOUS_RELEASE[service])
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await rows(connection)
        await asyncio.to_thread(upgrade, url, migrations_of(service))
        async with engine.connect() as connection:
            return str(
                (
                    await connection.execute(text("SELECT version_num FROM alembic_version"))
                ).scalar_one()
            )
    finally:
        await engine.dispose()


@pytest.fixture
async def session(empty_database):
    engine = create_engine(empty_database)
    async with session_factory(engine)() as session:
        yield session
    await engine.dispose()


async def test_events_of_the_previous_release_read_the_same_after_the_upgrade(
    empty_database, session
):
    revision = await upgraded_from_previous_release("events", empty_database, events.rows)

    event = await session.get(Event, old.EVENT_ID)
    rebuilt = await build_from_rows(session, event, events_url="http://localhost:8001")
    history = (await session.exec(select(EventRevision))).all()
    token = (await session.exec(select(ApiToken))).one()
    membership = (await session.exec(select(Membership))).one()

    assert revision == head_of("events")
    assert (event.slug, event.status, event.title) == (old.SLUG, "published", old.TITLE)
    assert (event.starts_at, event.ends_at, event.capacity) == (old.STARTS, old.ENDS, 150)
    assert json.loads(event.audience) == old.AUDIENCE
    assert EventSnapshotV1.model_validate_json(event.published_snapshot).venue.city == "Crema"
    assert rebuilt.venue.one_line() == "Sala Pietro da Cemmo, Centro Culturale Sant'Agostino, Crema"
    assert [(item.kind, item.title, item.starts_at) for item in rebuilt.programme] == old.PROGRAMME
    assert [s.name for s in rebuilt.programme[1].speakers] == ["Giovanni (Gianni) Rossoni"]
    assert rebuilt.doors_note == "registrazione partecipanti e welcome coffee"
    assert [(h.revision, h.author) for h in history] == [
        (1, "segreteria@areaomogeneacremasca.example")
    ]
    assert (token.name, token.role, token.revoked_at) == ("Sito del Consorzio.it", "editor", None)
    assert membership.role == "owner"


async def test_registrations_of_the_previous_release_count_the_same_after_the_upgrade(
    empty_database, session
):
    revision = await upgraded_from_previous_release(
        "registrations", empty_database, registrations.rows
    )

    copy = await session.get(EventCopy, old.EVENT_ID)
    form = await session.get(FormSettings, old.EVENT_ID)
    people = (await session.exec(select(Registration).order_by(col(Registration.last_name)))).all()
    answers = (await session.exec(select(Answer))).all()
    counts = await summary(session=session, event_id=old.EVENT_ID)

    assert revision == head_of("registrations")
    assert (copy.slug, copy.capacity, copy.seats_taken, copy.starts_at) == (
        old.SLUG,
        150,
        2,
        old.STARTS,
    )
    assert EventSnapshotV1.model_validate_json(copy.snapshot).title == old.TITLE
    assert (form.privacy_notice_version, form.retention_days) == ("2024-10", 180)
    assert [(p.last_name, p.status, p.organization) for p in people] == [
        ("Bruno", "confirmed", "ASST Crema"),
        ("Gallo", "cancelled", "Comunità Sociale Cremasca"),
        ("Greco", "confirmed", "Comune di Crema"),
    ]
    assert [(a.registration_id, a.value) for a in answers] == [(old.CHIARA, "comune")]
    assert counts.by_status == {"confirmed": 2, "cancelled": 1}
    assert (counts.confirmed, counts.checked_in, counts.needs["hearing_loop"]) == (2, 1, 1)
    assert [read_code(spoken(p.short_code)) for p in people] == [p.short_code for p in people]
    assert len({p.short_code for p in people}) == len({p.feed_id for p in people}) == 3
    assert all(len(p.feed_id) >= 32 and p.email_key not in p.feed_id for p in people)


async def test_deliveries_of_the_previous_release_stay_as_they_were_after_the_upgrade(
    empty_database, session
):
    revision = await upgraded_from_previous_release(
        "notifications", empty_database, notifications.rows
    )

    known = await session.get(KnownEvent, old.EVENT_ID)
    deliveries = (await session.exec(select(Delivery).order_by(col(Delivery.id)))).all()
    participants = (await session.exec(select(Participant))).all()
    reminder = (await session.exec(select(ScheduledMail))).one()

    assert revision == head_of("notifications")
    assert EventSnapshotV1.model_validate_json(known.snapshot).starts_at == old.STARTS
    assert [(d.recipient_email, d.status, d.attempts, d.sent_at) for d in deliveries] == [
        ("chiara.greco@comune-test.it", "sent", 1, old.PUBLISHED),
        ("davide.bruno@comune-test.it", "retrying", 2, None),
    ]
    assert deliveries[1].last_error == "451 4.7.1 Greylisted, please try again later"
    assert json.loads(deliveries[0].payload)["manage_url"] == old.MANAGE_URL + old.CHIARA
    assert sorted((p.name, p.status) for p in participants) == [
        ("Chiara Greco", "confirmed"),
        ("Davide Bruno", "confirmed"),
    ]
    assert (reminder.kind, reminder.status, reminder.registration_id) == (
        "reminder",
        "pending",
        old.CHIARA,
    )
