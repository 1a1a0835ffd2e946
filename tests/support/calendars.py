"""Two calendar files compared as calendar clients read them: with icalendar and with
vobject, component by component and property by property (values and parameters), so
that writers may differ in bytes (order, quoting, folding) but not in meaning."""

from typing import Any

import vobject
from icalendar import Calendar


def read_with_icalendar(body: bytes | str) -> list[tuple[str, list[tuple[str, bytes, Any]]]]:
    """Every component (name and its properties as icalendar writes them again), sorted."""
    components = []
    for component in Calendar.from_ical(body).walk():
        properties = []
        for name, value in component.items():
            for one in value if isinstance(value, list) else [value]:
                properties.append((name, one.to_ical(), sorted(one.params.items())))
        components.append((component.name, sorted(properties)))
    return sorted(components)


def read_with_vobject(body: bytes | str) -> list[list[tuple[str, str, Any]]]:
    """Each VEVENT's properties as vobject reads them (DATE-TIMEs as aware datetimes, TEXT
    unescaped, parameters split); VTIMEZONEs are compared by read_with_icalendar."""
    text = body.decode() if isinstance(body, bytes) else body
    events = []
    for vevent in vobject.readOne(text).vevent_list:
        properties = []
        for child in vevent.getChildren():
            value = child.value
            written = value.isoformat() if hasattr(value, "isoformat") else str(value)
            params = sorted((k, tuple(v)) for k, v in child.params.items() if k != "TZID")
            properties.append((child.name, written, params))
        events.append(sorted(properties))
    return sorted(events)
