"""Who hears of a change to an event, by which email, and what it tells them."""

from services.notifications.domain.participants import Registrant, holds_seat
from shared.contracts import ChangeV1, EventUpdatedV1

# The changes a participant is told about: when, where, what is on the programme and who
# speaks. Seats, the registration window, topics or the description are the organizer's
# business and mail no one.
TOLD = frozenset(
    {
        "times_announced",
        "times_withdrawn",
        "day_moved",
        "start_moved",
        "end_moved",
        "doors_changed",
        "venue_changed",
        "venue_address_changed",
        "venue_map_changed",
        "attendance_changed",
        "online_link_changed",
        "title_changed",
        "subtitle_changed",
        "moderator_changed",
        "programme_reordered",
        "item_added",
        "item_removed",
        "item_retitled",
        "item_moved",
        "item_room_changed",
        "speaker_added",
        "speaker_removed",
        "speaker_role_changed",
    }
)
# Told only to those attending online: the link is theirs alone.
ONLINE_ONLY = frozenset({"online_link_changed"})


def update_kind(fact: EventUpdatedV1) -> str | None:
    """'rescheduled' (with a new invite) when time or place moved; 'programme_changed'
    (without) for other news, if the organizer wants programme changes mailed; else None."""
    if fact.calendar_relevant:
        return "rescheduled"
    if fact.event.notify_programme_changes and any(c.code in TOLD for c in fact.changes):
        return "programme_changed"
    return None


def told(changes: tuple[ChangeV1, ...], *, language: str, mode: str) -> list[str]:
    """The changes this person is told about, in their language, in the event's order."""
    return [
        change.it if language == "it" else change.en
        for change in changes
        if change.code in TOLD and (change.code not in ONLINE_ONLY or mode == "online")
    ]


def hears_of(participant: Registrant, revision: int) -> bool:
    """Held a seat before this revision: a seat confirmed at it or later came with an email
    composed from it already."""
    return holds_seat(participant) and (participant.confirmed_revision or 0) < revision


def news_for(participant: Registrant, fact: EventUpdatedV1, kind: str) -> list[str] | None:
    """What this participant is told of an update by an email of `kind`; None when they get
    no email (no seat before it, or a programme note with nothing for them). A new invite
    goes even with nothing to say: the calendar entry must move."""
    if not hears_of(participant, fact.event.revision):
        return None
    said = told(fact.changes, language=participant.language, mode=participant.mode)
    return said if said or kind == "rescheduled" else None
