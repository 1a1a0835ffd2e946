"""Small events for the organizer API, with names unique to one test's organization."""

from datetime import date, timedelta
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.system import organizer_headers


def event_day() -> str:
    """A day a month from now, so the event is upcoming."""
    return (date.today() + timedelta(days=30)).isoformat()


# A valid submission for any of the console's forms: only whose data it is should stop it.
SUBMITTED = {
    "title": "Intrusione",
    "date": event_day(),
    "start_time": "09:00",
    "end_time": "12:00",
    "venue_name": "Sala intrusa",
    "attendance_mode": "in_person",
    "capacity": "10",
    "language": "it",
    "kind": "talk",
    "name": "Intruso",
    "role": "editor",
    "direction": "down",
    "reason": "intrusione",
}


def small_event(tag: str) -> dict[str, Any]:
    """An event with a venue and one talk by two speakers, every name carrying `tag`."""
    day = event_day()
    return {
        "title": f"Convegno {tag}",
        "starts_at": f"{day}T09:00",
        "ends_at": f"{day}T13:00",
        "venue": {"name": f"Sala {tag}", "city": "Crema", "rooms": ["Sala grande"]},
        "capacity": 50,
        "programme": [
            {
                "kind": "talk",
                "title": f"Relazione {tag}",
                "starts_at": f"{day}T09:30",
                "ends_at": f"{day}T10:15",
                "speakers": [{"name": f"Anna Bianchi {tag}"}, {"name": f"Luca Verdi {tag}"}],
            }
        ],
    }


def created(stack: Stack, organization: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Create a draft through the organizer API; returns its summary."""
    with httpx.Client(
        base_url=stack.url("events"), headers=organizer_headers(stack, organization), timeout=30
    ) as api:
        answer = api.post("/api/organizer/events", json=payload)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def api_get(stack: Stack, organization: str, path: str) -> Any:
    """What the organizer API answers for `organization` (200 expected)."""
    with httpx.Client(
        base_url=stack.url("events"), headers=organizer_headers(stack, organization), timeout=30
    ) as api:
        answer = api.get(path)
    assert answer.status_code == 200, answer.text
    return answer.json()
