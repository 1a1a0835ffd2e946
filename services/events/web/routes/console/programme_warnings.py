"""The programme checks as the console shows them: each item's warnings next to it, and the
ones a save would bring, asked about before saving ("Save anyway")."""

from datetime import UTC, datetime

from services.events.domain import programme_checks as checks
from services.events.domain.programme_checks import EventWarning
from services.events.web.routes.console.loading import speaker_options
from services.events.web.routes.console.session import Workspace
from services.events.web.schemas import EventIn
from shared.contracts import EventSnapshotV1

ANYWAY = "anyway"  # the form's "Save anyway" button


def standing(snapshot: EventSnapshotV1) -> dict[int | None, list[EventWarning]]:
    """The event's warnings as it is stored, by item id (None: the event's own)."""
    return checks.by_item(checks.stored_warnings(snapshot, datetime.now(UTC)))


async def brought(
    ws: Workspace,
    before: EventIn | None,
    after: EventIn,
    item_id: int | None,
    *,
    now: datetime | None = None,
) -> list[EventWarning]:
    """What changing `before` (None: nothing yet) into `after` would newly warn about item
    `item_id` (None: a new one, or the event itself); each overlap is said on both items,
    and this one's side is enough. `now` given, an event wholly past is one too."""
    names = {int(value): name for value, name in await speaker_options(ws)}
    old = checks.event_warnings(*checks.from_input(before, names), now=now) if before else []
    new = checks.event_warnings(*checks.from_input(after, names), now=now)
    return [warning for warning in checks.introduced(old, new) if warning.item == item_id]
