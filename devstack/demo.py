"""Loading the demo conferences through the public APIs, as an operator and organizers would.

Each organization gets a demo owner account (for the console) and an API token (for the
load). Conferences marked `keep_date` keep their real, past date; the others move to the next
occurrence of their day, so they are open for registration.
"""

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx

DEMO_FILE = Path(__file__).parent / "demo_conferences.json"


@dataclass
class DemoLoad:
    loaded: list[str] = field(default_factory=list)
    accounts: dict[str, str] = field(default_factory=dict)  # organization slug -> login email


def demo_events(today: date) -> list[dict[str, Any]]:
    """The demo payloads (with their 'organization'), each in its demo year."""
    events = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["events"]
    return [
        event if event.get("keep_date") else move_to_next_occurrence(event, today)
        for event in events
    ]


def move_to_next_occurrence(event: dict[str, Any], today: date) -> dict[str, Any]:
    day = date.fromisoformat(event["starts_at"][:10])
    year = next(y for y in range(today.year, today.year + 9) if _exists_after(day, y, today))
    moved: dict[str, Any] = _with_year(event, year - day.year)
    return moved


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


def demo_account_email(organization_slug: str) -> str:
    return f"{organization_slug}@demo.convegni.localhost"


class Operator:
    """The platform operator's calls: organizations, members, tokens."""

    def __init__(self, client: httpx.Client, admin_token: str) -> None:
        self._client = client
        self._headers = {"Authorization": f"Bearer {admin_token}"}

    def organization(self, slug: str, name: str) -> None:
        answer = self._client.post(
            "/api/admin/organizations", json={"slug": slug, "name": name}, headers=self._headers
        )
        if answer.status_code != 409:  # there already: fine
            answer.raise_for_status()

    def member(self, organization: str, email: str, password: str, role: str = "owner") -> None:
        body = {"email": email, "name": "Demo", "password": password, "role": role}
        self._client.post(
            f"/api/admin/organizations/{organization}/members", json=body, headers=self._headers
        ).raise_for_status()

    def token(self, organization: str, name: str = "demo loader") -> str:
        answer = self._client.post(
            f"/api/admin/organizations/{organization}/tokens",
            json={"name": name},
            headers=self._headers,
        )
        answer.raise_for_status()
        return str(answer.json()["token"])


def load_demo(events_url: str, admin_token: str, today: date, *, password: str) -> DemoLoad:
    """Create the organizations, their demo owners, and each conference not already there."""
    result = DemoLoad()
    with httpx.Client(base_url=events_url, timeout=30) as client:
        operator = Operator(client, admin_token)
        tokens: dict[str, str] = {}
        for event in demo_events(today):
            payload = copy.deepcopy(event)
            organization = payload.pop("organization")
            keep_date = payload.pop("keep_date", False)
            slug = organization["slug"]
            if slug not in tokens:
                operator.organization(slug, organization["name"])
                operator.member(slug, demo_account_email(slug), password)
                tokens[slug] = operator.token(slug)
                result.accounts[slug] = demo_account_email(slug)
            if _publish(client, tokens[slug], payload, complete=keep_date):
                result.loaded.append(payload["slug"])
    return result


def _publish(client: httpx.Client, token: str, payload: dict[str, Any], *, complete: bool) -> bool:
    """Create and publish one conference; False when it is there already."""
    if client.get(f"/api/events/{payload['slug']}").status_code == 200:
        return False
    headers = {"Authorization": f"Bearer {token}"}
    created = client.post("/api/organizer/events", json=payload, headers=headers)
    if created.status_code == 409:
        return False
    created.raise_for_status()
    event_id = created.json()["id"]
    client.post(f"/api/organizer/events/{event_id}/publish", headers=headers).raise_for_status()
    if complete:
        client.post(f"/api/organizer/events/{event_id}/complete", headers=headers)
    return True
