"""The form rules a process keeps between registrations, on SQLite and PostgreSQL: served
without a read while the event's row shows the revisions they were read at, read again once
a save of the form (by any process) or a new revision of the event moved them on."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import event as sa_event

from services.registrations.domain.inputs import FormShape, QuestionShape, SettingsShape
from services.registrations.storage.tables import EventCopy
from services.registrations.usecases import event_copy, form_definition
from services.registrations.usecases.form_rules import FormRulesCache
from tests.storage.conftest import LINKS, snapshot

pytestmark = pytest.mark.integration

SLUG = "welfare-area-omogenea-cremasca"


async def publish(sessions, revision: int = 1, capacity: int = 10) -> None:
    async with sessions() as session:
        await event_copy.apply_event_snapshot(
            session,
            snapshot(capacity=capacity, revision=revision),
            links=LINKS,
            now=datetime.now(UTC),
        )
        await session.commit()


async def save(sessions, event_id: str, *, double_opt_in: bool, questions: int) -> None:
    """The organizer saves the form, in a session of its own (another request, or process)."""
    asked = [
        QuestionShape(kind="short_text", label_it=f"Domanda {n}", label_en=f"Question {n}")
        for n in range(questions)
    ]
    shape = FormShape(settings=SettingsShape(double_opt_in=double_opt_in), questions=asked)
    async with sessions() as session:
        await form_definition.save_form(session=session, event_id=event_id, given=shape)


async def rules_seen(sessions, cache: FormRulesCache, statements: list[str]):
    """The rules as a registration reads them: the event's row, then the kept rules."""
    async with sessions() as session:
        event: EventCopy = await event_copy.find_event(session=session, slug=SLUG)
        statements.clear()
        return await cache.rules(session, event)


@pytest.fixture
def statements(sessions) -> list[str]:
    """The SQL statements run on the sessions' engine since the list was last cleared."""
    seen: list[str] = []
    engine = sessions.kw["bind"].sync_engine
    sa_event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


async def test_kept_rules_are_served_without_reading_the_form(sessions, statements):
    await publish(sessions)
    cache = FormRulesCache()
    first = await rules_seen(sessions, cache, statements)
    read_first = len(statements)

    again = await rules_seen(sessions, cache, statements)

    assert read_first == 2  # the settings and the questions
    assert statements == []
    assert again is first


async def test_a_saved_form_is_read_again(sessions, statements):
    await publish(sessions)
    cache = FormRulesCache()
    before = await rules_seen(sessions, cache, statements)
    await save(sessions, before.settings.event_id, double_opt_in=True, questions=2)

    after = await rules_seen(sessions, cache, statements)

    assert (before.settings.double_opt_in, len(before.questions)) == (False, 0)
    assert (after.settings.double_opt_in, len(after.questions)) == (True, 2)


async def test_each_save_moves_the_form_revision_on(sessions, statements):
    await publish(sessions)
    cache = FormRulesCache()
    event_id = (await rules_seen(sessions, cache, statements)).settings.event_id
    await save(sessions, event_id, double_opt_in=True, questions=1)
    await rules_seen(sessions, cache, statements)
    await save(sessions, event_id, double_opt_in=False, questions=1)

    after = await rules_seen(sessions, cache, statements)

    assert after.settings.double_opt_in is False


async def test_a_new_revision_of_the_event_reads_the_form_again(sessions, statements):
    await publish(sessions)
    cache = FormRulesCache()
    await rules_seen(sessions, cache, statements)
    await publish(sessions, revision=2, capacity=20)

    await rules_seen(sessions, cache, statements)

    assert len(statements) == 2


async def test_the_least_recently_used_form_goes_when_full(sessions, statements):
    await publish(sessions)
    cache = FormRulesCache(size=0)
    await rules_seen(sessions, cache, statements)

    await rules_seen(sessions, cache, statements)

    assert len(statements) == 2
