"""An event as one line of a list on another website or in a feed reader: when (in the
event's own timezone, as the site's pages write it), what, where, and its page. The embedded
list, its JSON for the script and the Atom and RSS feeds all say an event with this."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from shared.catalogs import N_
from shared.contracts import EventSnapshotV1
from shared.web.timefmt import clock, local, long_date

Say = Callable[..., str]  # a catalog key and its values, said in the reader's language

ONLINE = N_("embed_online")
ALSO_ONLINE = N_("embed_also_online")
# An end at midnight is the close of the day before, not a second day.
END_OF_DAY = timedelta(seconds=1)


@dataclass(frozen=True)
class Listed:
    id: str
    title: str
    url: str
    when: str
    starts_at: str  # ISO 8601, for <time datetime>
    place: str
    language: str  # of what the organizers wrote (the title)
    cancelled: bool
    topics: tuple[str, ...]

    def summary(self) -> str:
        return f"{self.when} · {self.place}"


def listed(event: EventSnapshotV1, *, url: str, lang: str, say: Say) -> Listed:
    """The event at `url` (its page, in the reader's language), said in `lang`."""
    return Listed(
        id=event.id,
        title=event.title,
        url=url,
        when=when(event, lang),
        starts_at=event.starts_at.isoformat(),
        place=place(event, say),
        language=event.language,
        cancelled=event.status == "cancelled",
        topics=event.topics,
    )


def when(event: EventSnapshotV1, lang: str) -> str:
    """'sabato 30 novembre 2026, 09:30'; an event over days by its first and last day, one
    whose times are not announced by its day alone."""
    first = long_date(event.starts_at, event.timezone, lang)
    last_day = local(event.ends_at - END_OF_DAY, event.timezone).date()
    if last_day > local(event.starts_at, event.timezone).date():
        return f"{first} – {long_date(event.ends_at, event.timezone, lang)}"
    if not event.times_announced:
        return first
    return f"{first}, {clock(event.starts_at, event.timezone)}"


def place(event: EventSnapshotV1, say: Say) -> str:
    if event.attendance_mode == "online":
        return say(ONLINE)
    where = event.venue.one_line()
    return say(ALSO_ONLINE, place=where) if event.attendance_mode == "hybrid" else where
