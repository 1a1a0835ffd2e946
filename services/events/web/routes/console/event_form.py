"""The event form: its fields from an EventIn, and an EventIn from its fields.

Times are typed on the event's wall clock (a date, then HH:MM); what the form does not show
(co-organizers, supporters, timezone, the programme...) is kept from the event as it was.
"""

from collections.abc import Callable
from datetime import date, datetime, time

from pydantic import ValidationError

from services.events.domain.slugs import slugify
from services.events.web.routes.console.forms import Problems, Reader, Rule, from_validation
from services.events.web.schemas import EventIn

EVENT_FIELDS = (
    "title", "subtitle", "slug", "description", "date", "start_time", "end_date", "end_time",
    "doors_time", "doors_note", "times_announced", "venue_id", "venue_name", "venue_address",
    "venue_city", "attendance_mode", "capacity", "online_capacity", "online_url",
    "open_to_public", "registration_opens", "registration_closes", "audience", "topics",
    "language", "moderator_id", "reminder_hours_before", "still_coming_days_before",
    "thanks_after", "notify_programme_changes",
)  # fmt: skip
NEW_EVENT = {
    "times_announced": "on",
    "open_to_public": "on",
    "attendance_mode": "in_person",
    "language": "it",
    "reminder_hours_before": "24",
    "thanks_after": "on",
    "notify_programme_changes": "on",
}
# EventIn's fields -> the form's fields, for pydantic's errors.
_FIELD_OF = {
    "starts_at": "start_time",
    "ends_at": "end_time",
    "doors_open_at": "doors_time",
    "registration_opens_at": "registration_opens",
    "registration_closes_at": "registration_closes",
    "moderator": "moderator_id",
    "venue": "venue_name",
}
# What check_event says, on the field it is about.
EVENT_RULES = (
    Rule(r"^ends_at must be after starts_at", "end_time", "error_end_before_start"),
    Rule(r"^doors_open_at must not be after", "doors_time", "error_doors_after_start"),
    Rule(r"^registration_closes_at must be after", "registration_closes", "error_window_order"),
    Rule(r"^registration_closes_at must not be after", "registration_closes", "error_window_end"),
    Rule(r"^online_capacity is needed", "online_capacity", "error_online_capacity_needed"),
    Rule(r"^online_capacity is only", "online_capacity", "error_online_capacity_only"),
    Rule(r"^capacity must be at least 1", "capacity", "error_capacity_min"),
    Rule(r"^Unknown venue", "venue_id", "error_unknown_venue"),
    Rule(r"^Unknown speaker", "moderator_id", "error_unknown_speaker"),
    Rule(r"exists already: choose another slug", "slug", "error_slug_taken"),
    Rule(r"keeps its address", "slug", "error_slug_kept"),
    Rule(r"^programme item '(?P<title>.*)' \(.*\): end must", None, "error_item_end"),
    Rule(r"^programme item '(?P<title>.*)' \(.*\): time outside", None, "error_item_day"),
)


def event_values(event: EventIn | None) -> dict[str, str]:
    """The form's fields for `event` (None: a new event's defaults)."""
    if event is None:
        return {name: NEW_EVENT.get(name, "") for name in EVENT_FIELDS}
    starts, ends = event.starts_at, event.ends_at
    return {
        **{name: "" for name in EVENT_FIELDS},
        **_texts(event),
        "date": starts.date().isoformat(),
        "start_time": _hh_mm(starts),
        "end_date": ends.date().isoformat() if ends.date() != starts.date() else "",
        "end_time": _hh_mm(ends),
        "doors_time": _hh_mm(event.doors_open_at),
        "times_announced": "on" if event.times_announced else "",
        "open_to_public": "on" if event.open_to_public else "",
        "registration_opens": _local_input(event.registration_opens_at),
        "registration_closes": _local_input(event.registration_closes_at),
        "venue_id": str(event.venue_id or ""),
        "moderator_id": str(event.moderator.speaker_id or "") if event.moderator else "",
        **_mail(event),
    }


def _mail(event: EventIn) -> dict[str, str]:
    """What the event's emails do: a blank number is none sent."""
    return {
        "reminder_hours_before": _number(event.reminder_hours_before),
        "still_coming_days_before": _number(event.still_coming_days_before),
        "thanks_after": "on" if event.thanks_after else "",
        "notify_programme_changes": "on" if event.notify_programme_changes else "",
    }


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _texts(event: EventIn) -> dict[str, str]:
    venue = event.venue
    return {
        "title": event.title,
        "subtitle": event.subtitle or "",
        "slug": event.slug or "",
        "description": event.description or "",
        "doors_note": event.doors_note or "",
        "venue_name": venue.name if venue else "",
        "venue_address": (venue.address or "") if venue else "",
        "venue_city": (venue.city or "") if venue else "",
        "attendance_mode": event.attendance_mode,
        "capacity": str(event.capacity),
        "online_capacity": str(event.online_capacity or ""),
        "online_url": event.online_url or "",
        "audience": ", ".join(event.audience),
        "topics": ", ".join(event.topics),
        "language": event.language,
    }


def _hh_mm(moment: datetime | None) -> str:
    return moment.strftime("%H:%M") if moment else ""


def _local_input(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M") if moment else ""


def event_from_values(
    values: dict[str, str], base: EventIn | None
) -> tuple[EventIn | None, Problems]:
    """The EventIn the form describes, on top of `base` (the event as it was, if any)."""
    problems = Problems()
    read = Reader(values, problems)
    data = {**(base.model_dump() if base else {}), **_typed(read)}
    if base is not None and base.slug and not read.text("slug"):
        data["slug"] = base.slug
    _require(read, ("date", "start_time", "end_time"))
    _require_venue(read)
    try:
        event = EventIn.model_validate(data)
    except ValidationError as error:
        from_validation(problems, error, _locator(problems))
        return None, problems.in_order(EVENT_FIELDS)
    return (None, problems.in_order(EVENT_FIELDS)) if problems else (event, problems)


def _typed(read: Reader) -> dict[str, object]:
    day = read.day("date")
    end_day = read.day("end_date") or day
    venue_id = read.integer("venue_id")
    moderator_id = read.integer("moderator_id")
    return {
        "title": read.values.get("title", ""),
        "subtitle": read.text("subtitle"),
        "slug": read.text("slug"),
        "description": read.text("description"),
        "starts_at": _on(day, read.clock("start_time")),
        "ends_at": _on(end_day, read.clock("end_time")),
        "doors_open_at": _on(day, read.clock("doors_time")),
        "doors_note": read.text("doors_note"),
        "times_announced": read.flag("times_announced"),
        "venue_id": venue_id,
        "venue": None if venue_id else _new_venue(read),
        "attendance_mode": read.values.get("attendance_mode", ""),
        "capacity": read.integer("capacity"),
        "online_capacity": read.integer("online_capacity"),
        "online_url": read.text("online_url"),
        "open_to_public": read.flag("open_to_public"),
        "registration_opens_at": read.moment("registration_opens"),
        "registration_closes_at": read.moment("registration_closes"),
        "audience": read.items("audience"),
        "topics": [slugify(topic) for topic in read.items("topics")],
        "language": read.values.get("language", ""),
        "moderator": {"speaker_id": moderator_id, "role": "moderator"} if moderator_id else None,
        "reminder_hours_before": read.number("reminder_hours_before"),
        "still_coming_days_before": read.number("still_coming_days_before"),
        "thanks_after": read.flag("thanks_after"),
        "notify_programme_changes": read.flag("notify_programme_changes"),
    }


def _on(day: date | None, clock: time | None) -> datetime | None:
    return datetime.combine(day, clock) if day and clock else None


def _new_venue(read: Reader) -> dict[str, str | None] | None:
    name = read.text("venue_name")
    if name is None:
        return None
    return {"name": name, "address": read.text("venue_address"), "city": read.text("venue_city")}


def _require(read: Reader, names: tuple[str, ...]) -> None:
    for name in names:
        if read.text(name) is None and not read.problems.on(name):
            read.problems.add(name, "error_required")


def _require_venue(read: Reader) -> None:
    if not read.text("venue_id") and not read.text("venue_name"):
        read.problems.add("venue_id", "error_venue_missing")


def _locator(problems: Problems) -> Callable[[tuple[object, ...]], str | None]:
    """The form field of an error at `loc` in EventIn; a time missing because its date
    could not be read is the date's problem, already noted."""
    unread_day = problems.on("date") or problems.on("end_date")

    def where(loc: tuple[object, ...]) -> str | None:
        if not loc:
            return "venue_id"  # the only check on the whole event: one venue, by id or name
        if loc[0] == "venue" and len(loc) > 1 and loc[1] in ("address", "city"):
            return f"venue_{loc[1]}"
        if unread_day and loc[0] in ("starts_at", "ends_at", "doors_open_at"):
            return "date" if problems.on("date") else "end_date"
        return _FIELD_OF.get(str(loc[0]), str(loc[0]))

    return where
