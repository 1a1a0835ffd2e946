"""A programme imported from a spreadsheet: read and set against the event's programme as it
stands (a preview: what would change, what the programme checks would warn about, every
problem with its row), then saved whole through editing.update_event like any edit, or not
at all. Previewing writes nothing."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain import programme_import
from services.events.domain.access import Action, Principal
from services.events.domain.editable import to_event_in
from services.events.domain.inputs import EventIn, ProgrammeItemIn
from services.events.domain.programme_changes import local
from services.events.domain.programme_checks import EventWarning, introduced, stored_warnings
from services.events.domain.programme_sheet import Frame, SheetProblem, read_programme
from services.events.domain.validation import check_event
from services.events.formats.programme_files import FileRefused, read_rows, template_file
from services.events.storage.tables import Event
from services.events.usecases.editing import get_own_event, update_event
from services.events.usecases.reading import build_from_rows
from shared.catalogs import N_
from shared.contracts import ChangeV1, EventSnapshotV1
from shared.errors import Conflict, Invalid

PROBLEMS = "The spreadsheet has problems to fix: nothing was saved"
MOVED = "The programme changed since the preview (a colleague saved it): preview it again"
EVENT_PROBLEM = N_("import_error_event")


@dataclass
class Preview:
    """What importing would do to the event: the programme to save (ids of the items it
    keeps), what would change and warn; or the problems, and then nothing to save.
    `fingerprint` is the programme it was set against."""

    event: Event
    current: EventSnapshotV1
    programme: list[ProgrammeItemIn] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    changes: tuple[ChangeV1, ...] = ()
    warnings: list[EventWarning] = field(default_factory=list)
    after: EventSnapshotV1 | None = None

    @property
    def fingerprint(self) -> str:
        return programme_import.fingerprint(self.current.programme)

    @property
    def items(self) -> int:
        """The items read, sections' items included."""
        return sum(1 for _ in programme_import.walk(self.after.programme)) if self.after else 0

    def payload(self) -> EventIn:
        """The event as the organizer wrote it, with the imported programme."""
        event_in = to_event_in(self.current, venue_id=self.event.venue_id)
        return event_in.model_copy(update={"programme": self.programme})


def frame(snapshot: EventSnapshotV1) -> Frame:
    """The event's days on its own clock, as the sheet's days are read."""
    first = local(snapshot.starts_at, snapshot.timezone).date()
    last = local(snapshot.ends_at, snapshot.timezone).date()
    return Frame(first, max(first, last))


async def preview_file(
    *,
    session: AsyncSession,
    principal: Principal,
    event_id: str,
    content: bytes,
    events_url: str,
    now: datetime,
) -> Preview:
    """Read the file for the event and set it against its programme; writes nothing."""
    event, current = await _editable(session, principal, event_id, events_url)
    try:
        rows = read_rows(content)
    except FileRefused as refused:
        return Preview(event, current, problems=[SheetProblem(None, None, refused.key)])
    reading = read_programme(rows, frame(current))
    if reading.problems:
        return Preview(event, current, problems=reading.problems, ignored=reading.ignored)
    preview = _set_against(event, current, reading.programme, now)
    preview.ignored = reading.ignored
    return preview


async def preview_programme(
    *,
    session: AsyncSession,
    principal: Principal,
    event_id: str,
    programme: list[ProgrammeItemIn],
    events_url: str,
    now: datetime,
) -> Preview:
    """A programme read before (kept by the preview page) set against the event's now."""
    event, current = await _editable(session, principal, event_id, events_url)
    return _set_against(event, current, programme_import.without_ids(programme), now)


async def save_import(
    *,
    session: AsyncSession,
    principal: Principal,
    preview: Preview,
    seen: str | None,
    events_url: str,
    publish: bool,
    notify: bool = True,
) -> Event:
    """Save the previewed programme whole, as update_event saves any edit (`publish`: a
    published event's new revision at once, as the API's PUT; without it, saved edits to
    review, as the console's). Refused, with nothing saved, when the preview has problems
    or (`seen`, the fingerprint previewed) the programme changed since."""
    if preview.problems:
        raise Invalid(PROBLEMS, details=[problem.said("en") for problem in preview.problems])
    if seen is not None and seen != preview.fingerprint:
        raise Conflict(MOVED)
    return await update_event(
        session=session,
        principal=principal,
        event_id=preview.event.id,
        payload=preview.payload(),
        events_url=events_url,
        publish=publish,
        notify=notify,
    )


def problems_of(refused: Invalid) -> list[SheetProblem]:
    """A refusal of the event with the imported programme (the use case's English words),
    as the preview's problems of the sheet as a whole."""
    said = refused.details or [refused.message]
    return [SheetProblem(None, None, EVENT_PROBLEM, {"detail": detail}) for detail in said]


async def template(
    *, session: AsyncSession, principal: Principal, event_id: str, events_url: str, language: str
) -> tuple[str, bytes]:
    """The event's address and the import's template filled with its programme as it
    stands (for whoever may read the event)."""
    event = await get_own_event(session, principal, event_id)
    current = await build_from_rows(session, event, events_url=events_url)
    return event.slug, template_file(current.programme, current.timezone, language)


async def _editable(
    session: AsyncSession, principal: Principal, event_id: str, events_url: str
) -> tuple[Event, EventSnapshotV1]:
    """One of the organization's events an editor may change, as its rows stand; another
    organization's is not found, before anything of the file is read."""
    principal.require(Action.EDIT)
    event = await get_own_event(session, principal, event_id)
    return event, await build_from_rows(session, event, events_url=events_url)


def _set_against(
    event: Event, current: EventSnapshotV1, programme: list[ProgrammeItemIn], now: datetime
) -> Preview:
    kept = programme_import.keep_ids(current.programme, programme, current.timezone)
    preview = Preview(event, current, programme=kept)
    try:
        check_event(preview.payload())
    except Invalid as refused:
        preview.problems = problems_of(refused)
        preview.programme = []
        return preview
    after = programme_import.imported(current, kept)
    preview.after = after
    preview.changes = programme_import.programme_changes_said(current, after)
    preview.warnings = introduced(stored_warnings(current, now), stored_warnings(after, now))
    return preview
