"""Registration statuses and what each one means for seats."""

HOLDS_SEAT = frozenset({"pending", "offered", "confirmed"})
ACTIVE = HOLDS_SEAT | {"waitlisted"}
ENDED = frozenset({"cancelled", "expired", "lapsed"})
MODES = ("in_person", "online")


def modes_of(attendance_mode: str) -> tuple[str, ...]:
    """The ways a person may attend an event of this attendance mode."""
    return {"in_person": ("in_person",), "online": ("online",)}.get(attendance_mode, MODES)
