"""Times as organizers type them (local, maybe naive) and as they are stored (UTC)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shared.errors import Invalid


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # "Europe" is a folder
        raise Invalid(f"Unknown timezone '{name}': use an IANA name such as Europe/Rome") from exc


def to_utc(moment: datetime, timezone: str) -> datetime:
    """A naive time is read on the event's wall clock; an aware one keeps its instant."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(timezone))
    return moment.astimezone(UTC)


def maybe_utc(moment: datetime | None, timezone: str) -> datetime | None:
    return to_utc(moment, timezone) if moment else None
