"""The programme item form: kind, title, day and times, room, track and seats (a session
people sign up for), section, speakers.

Speakers come in rows (a directory entry and a role); a new person can be named in the last
field, and is added to the directory when the event is saved.
"""

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import get_args

from pydantic import ValidationError

from services.events.web.routes.console.forms import Problems, Reader, Rule, from_validation
from services.events.web.schemas import ItemKind, ProgrammeItemIn, SpeakerRole
from shared.catalogs import N_

KINDS = get_args(ItemKind)
ROLES = get_args(SpeakerRole)
SHOWN_ROWS = 5
MAX_ROWS = 50  # ProgrammeItemIn.speakers holds at most 50
ROW_FIELDS = tuple(f"{part}_{row}" for row in range(MAX_ROWS) for part in ("speaker", "role"))
ITEM_FIELDS = (
    "kind", "title", "description", "day", "room", "start_time", "end_time", "track", "seats",
    "parent",
    "new_speaker_name", "new_speaker_role", *ROW_FIELDS,
)  # fmt: skip
ITEM_RULES = (
    Rule(r"^programme item '(?P<title>.*)' \(.*\): end must", "end_time", "error_item_end"),
    Rule(r"^programme item '(?P<title>.*)' \(.*\): time outside", "start_time", "error_item_day"),
    Rule(r"^programme item '(?P<title>.*)' \(.*\): no track", "track", "error_choice"),
    Rule(
        r"^programme item '(?P<title>.*)' \(.*\): a session with seats",
        "start_time",
        N_("error_session_times"),
    ),
    Rule(r"^Unknown speaker", "speaker_0", "error_unknown_speaker"),
    Rule(r"^Programme items .* do not belong", None, "error_item_gone"),
)
_FIELD_OF = {"starts_at": "start_time", "ends_at": "end_time", "speakers": "speaker_0"}


def item_values(item: ProgrammeItemIn | None, parent_id: int | None) -> dict[str, str]:
    """The form's fields for `item` (None: a new talk)."""
    values = {name: "" for name in ITEM_FIELDS} | {"kind": "talk", "new_speaker_role": "speaker"}
    if item is None:
        return values
    values |= {
        "kind": item.kind,
        "title": item.title,
        "description": item.description or "",
        "room": item.room or "",
        "day": item.starts_at.date().isoformat() if item.starts_at else "",
        "track": item.track or "",
        "seats": str(item.seats or ""),
        "start_time": item.starts_at.strftime("%H:%M") if item.starts_at else "",
        "end_time": item.ends_at.strftime("%H:%M") if item.ends_at else "",
        "parent": str(parent_id or ""),
    }
    for row, person in enumerate(item.speakers[:MAX_ROWS]):
        values |= {f"speaker_{row}": str(person.speaker_id or ""), f"role_{row}": person.role}
    return values


def rows_shown(values: dict[str, str]) -> int:
    """At least SHOWN_ROWS speaker rows, more when the item has more people."""
    filled = [row for row in range(MAX_ROWS) if values.get(f"speaker_{row}")]
    return max(SHOWN_ROWS, filled[-1] + 1 if filled else 0)


def item_from_values(
    values: dict[str, str],
    *,
    days: Sequence[date],
    item_id: int | None,
    sections: set[int],
    tracks: Sequence[str] = (),
) -> tuple[ProgrammeItemIn | None, int | None, Problems]:
    """The item the form describes (times on the day chosen among the event's `days`, its
    first when none is), and the section it goes into."""
    problems = Problems()
    read = Reader(values, problems)
    parent = read.integer("parent")
    if parent is not None and parent not in sections:
        problems.add("parent", "error_choice")
    day = read.day("day") or days[0]
    if day not in days:
        problems.add("day", "error_choice")
    track = read.text("track")
    if track is not None and track not in tracks:
        problems.add("track", "error_choice")
    data = {
        "id": item_id,
        "kind": values.get("kind", ""),
        "title": values.get("title", ""),
        "description": read.text("description"),
        "room": read.text("room"),
        "track": track,
        "seats": read.integer("seats"),
        "starts_at": _on(day, read.clock("start_time")),
        "ends_at": _on(day, read.clock("end_time")),
        "speakers": _speakers(read),
    }
    try:
        item = ProgrammeItemIn.model_validate(data)
    except ValidationError as error:
        from_validation(problems, error, _where)
        return None, parent, problems.in_order(ITEM_FIELDS)
    return (None, parent, problems.in_order(ITEM_FIELDS)) if problems else (item, parent, problems)


def _where(loc: tuple[object, ...]) -> str | None:
    if loc[:1] == ("speakers",) and loc[2:3] == ("name",):
        return "new_speaker_name"
    return _FIELD_OF.get(str(loc[0]), str(loc[0])) if loc else None


def _on(day: date, clock: time | None) -> datetime | None:
    return datetime.combine(day, clock) if clock else None


def _speakers(read: Reader) -> list[dict[str, object]]:
    """The filled rows in order, then the new person if one is named."""
    people: list[dict[str, object]] = []
    for row in range(MAX_ROWS):
        speaker_id = read.integer(f"speaker_{row}")
        if speaker_id is not None:
            people.append({"speaker_id": speaker_id, "role": _role(read, f"role_{row}")})
    name = read.text("new_speaker_name")
    if name:
        people.append({"name": name, "role": _role(read, "new_speaker_role")})
    return people


def _role(read: Reader, name: str) -> str:
    return read.text(name) or "speaker"
