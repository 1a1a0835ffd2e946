"""What participants are told of a change to a published event, and by which email: the one
rule both the organizer's review page (events) and the emails (notifications) follow, so
that the preview says exactly what the email will say."""

from shared.contracts import ChangeV1

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


def mail_kind(
    changes: tuple[ChangeV1, ...], *, calendar_relevant: bool, notify_programme_changes: bool
) -> str | None:
    """'rescheduled' (with the invite moved) when time or place moved; 'programme_changed'
    for other news, if the organizer wants programme changes mailed; else None."""
    if calendar_relevant:
        return "rescheduled"
    if notify_programme_changes and any(c.code in TOLD for c in changes):
        return "programme_changed"
    return None


def told(changes: tuple[ChangeV1, ...], *, language: str, mode: str) -> list[str]:
    """The changes a person is told about, in their language, in the event's order."""
    return [
        change.it if language == "it" else change.en
        for change in changes
        if change.code in TOLD and (change.code not in ONLINE_ONLY or mode == "online")
    ]
