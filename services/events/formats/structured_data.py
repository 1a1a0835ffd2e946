"""What search engines and link previews read about an event page: schema.org JSON-LD and
Open Graph. Only public facts go in; `online_url` never does (it is for registrants)."""

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from services.events.formats.markdown import plain_text
from shared.contracts.events import (
    EventSnapshotV1,
    OrganizationV1,
    ProgrammeItemV1,
    SpeakerV1,
    VenueV1,
)

SCHEMA_ORG = "https://schema.org"
SITE_NAME = "Convegni"
OG_DESCRIPTION_MAX = 200

_ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
_OG_LOCALES = {"it": "it_IT", "en": "en_GB"}

# JSON may hold "</script>" or "<!--" inside strings; as \u escapes they stay the same JSON
# but can no longer end the script element or open an HTML comment.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def _dates(snapshot: EventSnapshotV1) -> tuple[str, str]:
    """Start and end as ISO 8601 in the event's own offset; dates only until times are set."""
    starts = _local(snapshot.starts_at, snapshot.timezone)
    ends = _local(snapshot.ends_at, snapshot.timezone)
    if snapshot.times_announced:
        return starts.isoformat(), ends.isoformat()
    return starts.date().isoformat(), _last_day(starts, ends).isoformat()


def _last_day(starts: datetime, ends: datetime) -> date:
    # A day spanned up to the next midnight ends on the day before, not on the next one.
    if ends.time() == time(0) and ends > starts:
        return (ends - timedelta(days=1)).date()
    return ends.date()


def _event_status(snapshot: EventSnapshotV1) -> str:
    if snapshot.status == "cancelled":
        return "https://schema.org/EventCancelled"
    if snapshot.status == "published" and snapshot.calendar_sequence > 0:
        return "https://schema.org/EventRescheduled"
    return "https://schema.org/EventScheduled"


def _place(venue: VenueV1) -> dict[str, Any]:
    name = ", ".join(part for part in (venue.name, venue.building) if part)
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "IT"}
    if venue.address:
        address["streetAddress"] = venue.address
    if venue.city:
        address["addressLocality"] = venue.city
    place: dict[str, Any] = {"@type": "Place", "name": name, "address": address}
    if venue.map_url:
        place["hasMap"] = venue.map_url
    return place


def _location(snapshot: EventSnapshotV1) -> dict[str, Any] | list[dict[str, Any]]:
    # The public page stands in for the online room: the stream link is for registrants only.
    virtual = {"@type": "VirtualLocation", "url": snapshot.page_url}
    if snapshot.attendance_mode == "online":
        return virtual
    if snapshot.attendance_mode == "hybrid":
        return [_place(snapshot.venue), virtual]
    return _place(snapshot.venue)


def _organization(organization: OrganizationV1) -> dict[str, Any]:
    return {"@type": "Organization", "name": organization.name}


def _speakers(items: Iterable[ProgrammeItemV1]) -> Iterator[SpeakerV1]:
    for item in items:
        yield from item.speakers
        yield from _speakers(item.items)


# Who leads rather than performs: schema.org has no "moderator", so they are contributors in
# a Role naming what they do (schema.org's Role pattern), as the page says "Modera".
LEADING = ("moderator", "chair")


def _distinct(speakers: Iterable[SpeakerV1]) -> list[SpeakerV1]:
    """Each person once, where they first appear; same directory id or else same name."""
    seen: set[object] = set()
    distinct: list[SpeakerV1] = []
    for speaker in speakers:
        key = speaker.id if speaker.id is not None else speaker.name.casefold()
        if key not in seen:
            seen.add(key)
            distinct.append(speaker)
    return distinct


def _people(snapshot: EventSnapshotV1) -> tuple[list[SpeakerV1], list[SpeakerV1]]:
    """(performers, leaders): who speaks on the programme, and who moderates or chairs it
    (the event's moderator first); someone who does both is in both."""
    everyone = [
        *([snapshot.moderator] if snapshot.moderator else []),
        *_speakers(snapshot.programme),
    ]
    performers = _distinct(s for s in everyone if s.role not in LEADING)
    leaders = _distinct(s for s in everyone if s.role in LEADING)
    return performers, leaders


def _leader(speaker: SpeakerV1) -> dict[str, Any]:
    return {"@type": "Role", "roleName": speaker.role, "contributor": _person(speaker)}


def _person(speaker: SpeakerV1) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": speaker.name}
    if speaker.honorific:
        person["honorificPrefix"] = speaker.honorific
    if speaker.position:
        person["jobTitle"] = speaker.position
    if speaker.organization:
        person["affiliation"] = {"@type": "Organization", "name": speaker.organization}
    return person


def _description(snapshot: EventSnapshotV1) -> str:
    return plain_text(snapshot.description) or snapshot.subtitle or ""


def event_json_ld(snapshot: EventSnapshotV1) -> dict[str, Any]:
    """The event as a schema.org Event, ready for json_ld_script."""
    starts, ends = _dates(snapshot)
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "Event",
        "name": snapshot.title,
        "startDate": starts,
        "endDate": ends,
        "eventStatus": _event_status(snapshot),
        "eventAttendanceMode": _ATTENDANCE_MODES[snapshot.attendance_mode],
        "location": _location(snapshot),
        "organizer": [_organization(o) for o in (snapshot.organizer, *snapshot.co_organizers)],
        "url": snapshot.page_url,
        "inLanguage": snapshot.language,
        "isAccessibleForFree": True,
    }
    if description := _description(snapshot):
        data["description"] = description
    performers, leaders = _people(snapshot)
    if performers:
        data["performer"] = [_person(speaker) for speaker in performers]
    if leaders:
        data["contributor"] = [_leader(speaker) for speaker in leaders]
    if snapshot.audience:
        data["audience"] = {"@type": "Audience", "audienceType": ", ".join(snapshot.audience)}
    return data


def json_ld_script(data: dict[str, Any]) -> Markup:
    """A <script type="application/ld+json"> element whose content cannot break out of it."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return Markup(f'<script type="application/ld+json">{body}</script>')


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def open_graph(snapshot: EventSnapshotV1, *, image_url: str | None = None) -> list[tuple[str, str]]:
    """Open Graph and Twitter card meta pairs (property/name, content), content as plain text."""
    description = _shorten(_description(snapshot) or snapshot.title, OG_DESCRIPTION_MAX)
    pairs = [
        # og:type "event" is not an Open Graph type; "website" is what parsers accept.
        ("og:type", "website"),
        ("og:title", snapshot.title),
        ("og:description", description),
        ("og:url", snapshot.page_url),
        ("og:locale", _OG_LOCALES.get(snapshot.language, "it_IT")),
        ("og:site_name", SITE_NAME),
    ]
    if image_url:
        pairs.append(("og:image", image_url))
    pairs.append(("twitter:card", "summary"))
    return pairs
