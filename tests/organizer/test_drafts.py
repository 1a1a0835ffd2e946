"""Registrations prepared before publishing (issue 14): a draft reaches the registrations
service, where its organizers set the form up, while the public form and the JSON API know
nothing of it and the notifications service hears nothing of it; publishing opens the form
that was prepared."""

import sqlite3
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from devstack.demo import move_to_next_occurrence
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.forms.visitor import Visitor
from tests.organizer.conftest import ORG, Conference
from tests.organizer.test_form_builder import TOWN, _add, _person
from tests.support.system import conference, organizer_headers, publish, wait_until_registrable

pytestmark = pytest.mark.e2e


def _rows(stack: Stack, service: str, query: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(stack.config.var_dir / f"{service}.db") as connection:
        return list(connection.execute(query, params).fetchall())


def _draft(stack: Stack, client: httpx.Client, **changes: Any) -> Conference:
    """A draft of ORG made through the organizer API, once registrations keeps its copy."""
    payload = move_to_next_occurrence(conference(**changes), date.today() + timedelta(days=7))
    headers = organizer_headers(stack, ORG)
    with httpx.Client(base_url=stack.url("events"), headers=headers) as events:
        created = events.post("/api/organizer/events", json=payload)
    assert created.status_code == 201, created.text
    event = created.json()
    drafted = Conference(stack, event["slug"], event["id"], client, headers)
    query = "SELECT status FROM event_copy WHERE event_id = ?"
    wait_until(
        lambda: _rows(stack, "registrations", query, event["id"]) == [("draft",)],
        timeout=60,
        what="the registrations service keeping the draft",
    )
    return drafted


def test_a_drafts_form_is_prepared_by_its_organizers_and_hidden_from_everyone_else(
    stack, client
) -> None:
    draft = _draft(stack, client, title="Bozza riservata del convegno")
    editor = draft.enter("editor")
    settings = editor.get(f"{draft.page}/settings")
    _add(editor, draft, TOWN)
    preview = editor.get(f"{draft.page}/form/preview")
    visitor = Visitor(stack, draft.slug)

    form = visitor.open()
    sent = visitor.send({**_person("draft"), "q1": "Crema"})
    availability = client.get(f"/api/events/{draft.slug}/availability")
    registered = client.post(
        f"/api/events/{draft.slug}/registrations", json={**_person("api"), "privacy_consent": True}
    )
    notice = client.get(f"/events/{draft.slug}/privacy")
    dashboard = editor.get("/organizer/dashboard")
    people = _rows(
        stack, "registrations", "SELECT id FROM registration WHERE event_id = ?", draft.id
    )

    assert settings.status_code == 200, settings.text
    assert "Questo evento è ancora una bozza" in settings.text
    assert TOWN["label_it"] in preview.text
    for refused in (form, sent, availability, registered, notice):
        assert refused.status_code == 404, refused.text
        assert "Bozza riservata" not in refused.text
        assert TOWN["label_it"] not in refused.text
    assert people == []
    assert dashboard.status_code == 200
    assert "Bozza riservata" not in dashboard.text, "no registrations of a draft to count"


def test_publishing_a_draft_opens_the_form_its_organizers_prepared(stack, client) -> None:
    draft = _draft(stack, client)
    _add(draft.enter("editor"), draft, TOWN)
    with httpx.Client(base_url=stack.url("events"), headers=draft.staff) as events:
        published = events.post(f"/api/organizer/events/{draft.id}/publish")
    wait_until_registrable(stack, draft.slug)

    form = Visitor(stack, draft.slug).open()
    copy = _rows(
        stack, "registrations", "SELECT status, revision FROM event_copy WHERE event_id = ?",
        draft.id,
    )  # fmt: skip

    assert published.status_code == 200, published.text
    assert form.status_code == 200
    assert TOWN["label_it"] in form.text
    assert copy == [("published", 1)]


def test_the_notifications_service_hears_nothing_of_a_draft(stack, client) -> None:
    draft = _draft(stack, client)
    with httpx.Client(base_url=stack.url("events"), headers=draft.staff) as events:
        payload = events.get(f"/api/organizer/events/{draft.id}/input").json()
        saved = events.put(f"/api/organizer/events/{draft.id}", json={**payload, "title": "Nuovo"})
    wait_until(
        lambda: _rows(stack, "registrations", "SELECT title FROM event_copy WHERE event_id = ?",
                      draft.id) == [("Nuovo",)],
        timeout=60, what="the draft's second save in registrations",
    )  # fmt: skip
    later = publish(stack, move_to_next_occurrence(conference(), date.today() + timedelta(days=7)))
    wait_until(  # the notifications service has read the EVENTS stream past the draft's facts
        lambda: _rows(stack, "notifications", "SELECT 1 FROM known_event WHERE event_id = ?",
                      later["id"]) != [],
        timeout=60, what="the notifications service hearing the later event",
    )  # fmt: skip

    heard = [
        _rows(stack, "notifications", f"SELECT count(*) FROM {table} WHERE event_id = ?", draft.id)
        for table in ("known_event", "scheduled_mail", "delivery", "participant")
    ]

    assert saved.status_code == 200, saved.text
    assert heard == [[(0,)]] * 4
