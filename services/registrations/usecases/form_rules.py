"""An event's form as registering reads it (settings and questions), kept in the process
between registrations: two reads fewer per registration in a rush.

What is kept is named by the event row's `revision` and `form_revision`, which the request
reads anyway: every save of the form moves `form_revision` on in the save's transaction
(usecases/form_definition.py), so a process that sees a new value reads the form again,
whichever process (or replica, on PostgreSQL) saved it. The form is read after the event's
row in the same transaction, so what is kept under a revision is never older than it.
"""

from collections import OrderedDict
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.form import AskedQuestion
from services.registrations.storage.tables import EventCopy, FormSettings
from services.registrations.usecases.event_copy import form_settings, questions_of

KEPT_EVENTS = 256  # forms kept at most; the least recently used goes first


@dataclass(frozen=True)
class FormRules:
    """The form's settings (a copy outside any session: read it, never change or add it)
    and its questions as the form's rules check them, in order."""

    settings: FormSettings
    questions: tuple[AskedQuestion, ...]


async def read_rules(session: AsyncSession, event_id: str) -> FormRules:
    """The event's form rules from the database."""
    settings = await form_settings(session, event_id)
    detached = FormSettings.model_validate(settings.model_dump())
    questions = await questions_of(session, event_id)
    return FormRules(detached, tuple(question.asked() for question in questions))


async def settings_of(
    session: AsyncSession, event: EventCopy, forms: "FormRulesCache | None"
) -> FormSettings:
    """The event's form settings: as `forms` keeps them, else read (no cache at hand)."""
    if forms is None:
        return await form_settings(session, event.event_id)
    return (await forms.rules(session, event)).settings


class FormRulesCache:
    """Form rules by event, each kept while its event row shows the revisions it was read at."""

    def __init__(self, size: int = KEPT_EVENTS) -> None:
        self._size = size
        self._kept: OrderedDict[str, tuple[tuple[int, int], FormRules]] = OrderedDict()

    async def rules(self, session: AsyncSession, event: EventCopy) -> FormRules:
        """The rules of `event` (a row read in `session`'s transaction): kept, or read."""
        marker = (event.revision, event.form_revision)
        kept = self._kept.get(event.event_id)
        if kept is not None and kept[0] == marker:
            self._kept.move_to_end(event.event_id)
            return kept[1]
        rules = await read_rules(session, event.event_id)
        self._kept[event.event_id] = (marker, rules)
        self._kept.move_to_end(event.event_id)
        while len(self._kept) > self._size:
            self._kept.popitem(last=False)
        return rules
