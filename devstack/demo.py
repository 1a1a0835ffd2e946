"""Loading the demo conferences through the organizer API, moved to their next occurrence."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import httpx

DEMO_FILE = Path(__file__).parent / "demo_conferences.json"


def demo_events(today: date) -> list[dict[str, Any]]:
    """The demo payloads, each moved to the next year in which its date is still ahead."""
    events = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["events"]
    return [move_to_next_occurrence(event, today) for event in events]


def move_to_next_occurrence(event: dict[str, Any], today: date) -> dict[str, Any]:
    day = date.fromisoformat(event["starts_at"][:10])
    year = next(y for y in range(today.year, today.year + 9) if _exists_after(day, y, today))
    return _with_year(event, year - day.year)


def _exists_after(day: date, year: int, today: date) -> bool:
    """Whether `day` exists in `year` (29 February does not, mostly) and is after today."""
    try:
        return day.replace(year=year) > today
    except ValueError:
        return False


def _with_year(value: Any, shift: int) -> Any:
    """Every '..._at' ISO datetime moved by `shift` years, the rest copied."""
    if isinstance(value, list):
        return [_with_year(item, shift) for item in value]
    if not isinstance(value, dict):
        return value
    moved = {}
    for key, item in value.items():
        if key.endswith("_at") and isinstance(item, str):
            moved[key] = f"{int(item[:4]) + shift:04d}{item[4:]}"
        else:
            moved[key] = _with_year(item, shift)
    return moved


def load_demo(events_url: str, token: str, today: date) -> list[str]:
    """Create and publish each demo event not already there; returns the slugs loaded."""
    loaded = []
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=events_url, headers=headers, timeout=30) as client:
        for event in demo_events(today):
            if client.get(f"/api/events/{event['slug']}").status_code == 200:
                continue
            created = client.post("/api/organizer/events", json=event)
            created.raise_for_status()
            client.post(f"/api/organizer/events/{created.json()['id']}/publish").raise_for_status()
            loaded.append(event["slug"])
    return loaded
