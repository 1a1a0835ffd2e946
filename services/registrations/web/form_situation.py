"""What the registration form's page shows before any field: the seats left in each way the
event can be attended, and whether the form is open, open with a notice, or closed."""

from datetime import UTC, datetime

from services.registrations.domain.registration_life import modes_of, registration_state
from services.registrations.storage.tables import EventCopy, FormSettings


def seats_left(event: EventCopy) -> dict[str, int]:
    """Seats left in each way this event can be attended (online only when it has a cap)."""
    seats = {}
    for mode in modes_of(event.attendance_mode):
        if mode == "in_person":
            seats[mode] = max(event.capacity - event.seats_taken, 0)
        elif event.online_capacity is not None:
            seats[mode] = max(event.online_capacity - event.online_seats_taken, 0)
    return seats


def situation(event: EventCopy, settings: FormSettings, preview: bool = False) -> str:
    """What the page shows: the form ('open'), the form with a notice, or why it cannot;
    an organizer's preview shows the form whatever the event's state."""
    if preview:
        return "open"
    state = registration_state(event.window(), datetime.now(UTC))
    if state not in ("open", "full"):
        return state
    seats = seats_left(event)
    if seats.get("in_person") == 0 and seats.get("online"):
        return "room_full_online"
    if not any(seats.values()):
        return "waitlist" if settings.waitlist else "full"
    return "open"
