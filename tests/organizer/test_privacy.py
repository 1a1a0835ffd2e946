"""The privacy notice a person consents to (acceptance 1 of issue 13): the form links to the
version in force, the registration records it, an organizer's edit makes a new version, and
every version anyone consented to stays readable at its own address with its own words."""

import re
import sqlite3
import uuid
from typing import Any

import httpx

from tests.forms.visitor import Visitor, fields_of
from tests.organizer.conftest import ORG, OTHER, csrf_of

NEW_PURPOSES = "I dati servono solo a gestire le iscrizioni al convegno sul welfare."


def _row(stack: Any, email: str) -> tuple[str, str]:
    with sqlite3.connect(stack.config.var_dir / "registrations.db") as connection:
        query = "SELECT privacy_notice_version, privacy_notice_url FROM registration WHERE email=?"
        found = connection.execute(query, (email,)).fetchone()
    assert found, f"no registration of {email}"
    return found[0], found[1]


def _notice_rows(stack: Any) -> int:
    with sqlite3.connect(stack.config.var_dir / "registrations.db") as connection:
        return int(connection.execute("SELECT count(*) FROM privacy_notice").fetchone()[0])


def _register_through_form(stack: Any, slug: str) -> tuple[str, str]:
    """A person opens the form, follows its privacy link, registers: (link, email)."""
    visitor = Visitor(stack, slug)
    page = visitor.open()
    found = re.search(rf'href="(/events/{slug}/privacy/\d+)"', page.text)
    assert found, "the form links to no versioned privacy notice"
    email = f"{uuid.uuid4().hex[:10]}@comune-test.it"
    fields = {"first_name": "Anna", "last_name": "Bianchi", "email": email}
    answer = visitor.post({**fields, "privacy_consent": "on"})
    assert answer.status_code == 200, answer.text
    return found.group(1), email


def test_a_registrant_keeps_the_version_consented_to_after_the_organizer_edits(
    published, stack
) -> None:
    conference = published()
    base = stack.public_url("registrations")  # what the registration records
    link, first = _register_through_form(stack, conference.slug)
    read = httpx.get(base + link)
    assert read.status_code == 200
    assert "180 giorni" in read.text  # the event's real retention period
    assert NEW_PURPOSES not in read.text
    version, address = _row(stack, first)
    assert (version, address) == (link.rsplit("/", 1)[1], base + link)

    browser = conference.enter("editor")
    editor = browser.get("/organizer/privacy")
    assert editor.status_code == 200, editor.text
    values = {"csrf": csrf_of(editor.text), "controller_name": "Area Omogenea Cremasca"}
    values |= {"controller_email": "privacy@comune-test.it", "purposes_it": NEW_PURPOSES}
    rows = _notice_rows(stack)
    preview = browser.post("/organizer/privacy", data={**values, "action": "preview"})
    assert preview.status_code == 200 and NEW_PURPOSES in preview.text
    assert _notice_rows(stack) == rows, "a preview writes nothing"
    saved = browser.post("/organizer/privacy", data={**values, "action": "save"})
    assert saved.status_code == 303, saved.text

    new_link, second = _register_through_form(stack, conference.slug)
    assert new_link != link
    assert _row(stack, second)[0] == new_link.rsplit("/", 1)[1]
    now_read = httpx.get(base + new_link)
    assert NEW_PURPOSES in now_read.text and "privacy@comune-test.it" in now_read.text
    old = httpx.get(base + link)
    assert old.status_code == 200
    assert NEW_PURPOSES not in old.text and "180 giorni" in old.text
    assert "non è più in vigore" in old.text
    assert NEW_PURPOSES in httpx.get(f"{base}/privacy/{ORG}").text
    export = browser.get(f"{conference.page}/registrations.csv").text
    assert base + link in export and base + new_link in export


def test_a_new_retention_period_is_a_new_version_of_the_event_notice(published, stack) -> None:
    conference = published()
    base = stack.url("registrations")
    before = httpx.get(f"{base}/events/{conference.slug}/privacy")
    assert "180 giorni" in before.text
    form = conference.client.get(f"{conference.api}/form", headers=conference.staff)
    definition = form.json()
    definition["settings"]["retention_days"] = 90
    put = conference.client.put(f"{conference.api}/form", json=definition, headers=conference.staff)
    assert put.status_code == 200, put.text
    notice = conference.client.get(f"{conference.api}/privacy", headers=conference.staff).json()
    assert notice["retention_days"] == 90
    assert "90 giorni" in httpx.get(base + notice["url"]).text
    first = httpx.get(f"{base}/events/{conference.slug}/privacy/1")
    assert "180 giorni" in first.text


def test_an_event_can_have_its_own_notice_and_follow_the_organization_again(
    published, stack
) -> None:
    conference = published()
    own = {"controller_name": "Comune di Crema", "extra_en": "Photos are taken at the event."}
    put = conference.client.put(f"{conference.api}/privacy", json=own, headers=conference.staff)
    assert put.status_code == 200, put.text
    assert put.json()["source"] == "event"
    english = httpx.get(stack.url("registrations") + put.json()["url"], params={"lang": "en"})
    assert "Photos are taken at the event." in english.text
    back = conference.client.delete(f"{conference.api}/privacy", headers=conference.staff)
    assert back.json()["source"] == "organization"
    assert back.json()["version"] > put.json()["version"]


def test_bad_notices_are_refused_and_nothing_is_written(published, stack) -> None:
    conference = published()
    rows = _notice_rows(stack)
    api = "/api/organizer/privacy"
    for body in ({"controller_name": "  "}, {"controller_name": "X", "extra_it": "a" * 4001}):
        answer = conference.client.put(api, json=body, headers=conference.staff)
        assert answer.status_code == 422, answer.text
    lone = b'{"controller_name": "Comune \\ud800"}'
    headers = {**conference.staff, "Content-Type": "application/json"}
    assert conference.client.put(api, content=lone, headers=headers).status_code == 422
    browser = conference.enter("editor")
    page = browser.get(f"/organizer/events/{conference.slug}/privacy")
    empty = {"csrf": csrf_of(page.text), "controller_name": "", "action": "save"}
    refused = browser.post(f"/organizer/events/{conference.slug}/privacy", data=empty)
    assert refused.status_code == 422 and "is-invalid" in refused.text
    forged = browser.post("/organizer/privacy", data={"controller_name": "X", "action": "save"})
    assert forged.status_code in (400, 403)
    viewer = conference.enter("viewer")
    page = viewer.get("/organizer/privacy")
    saved = viewer.post(
        "/organizer/privacy",
        data={"csrf": csrf_of(page.text), "controller_name": "X", "action": "save"},
    )
    assert saved.status_code == 403
    assert _notice_rows(stack) == rows


def test_another_organizations_event_notice_is_not_found(published, stack) -> None:
    conference = published()
    assert OTHER != ORG
    answer = conference.client.get(f"{conference.api}/privacy", headers=conference.staff)
    assert answer.status_code == 200
    missing = conference.client.get(
        "/api/organizer/events/no-such-event/privacy", headers=conference.staff
    )
    assert missing.status_code == 404


def test_the_version_recorded_is_the_one_the_form_showed_even_when_a_new_one_came_meanwhile(
    published, stack
) -> None:
    conference = published()
    early = Visitor(stack, conference.slug)
    shown = dict(fields_of(early.open().text))["privacy_version"]
    browser = conference.enter("editor")
    editor = browser.get("/organizer/privacy")
    values = {"csrf": csrf_of(editor.text), "controller_name": "Area Omogenea Cremasca"}
    saved = browser.post(
        "/organizer/privacy", data={**values, "purposes_it": NEW_PURPOSES, "action": "save"}
    )
    assert saved.status_code == 303, saved.text
    people = {tag: f"{tag}.{uuid.uuid4().hex[:8]}@comune-test.it" for tag in ("early", "odd")}

    for tag, version in (("early", shown), ("odd", "999")):
        visitor = early if tag == "early" else Visitor(stack, conference.slug)
        if tag == "odd":
            visitor.open()
        fields = {"first_name": "Anna", "last_name": "Bianchi", "email": people[tag]}
        answer = visitor.post({**fields, "privacy_consent": "on", "privacy_version": version})
        assert answer.status_code == 200, answer.text

    in_force = Visitor(stack, conference.slug).open().text
    current = dict(fields_of(in_force))["privacy_version"]
    assert int(current) == int(shown) + 1
    assert _row(stack, people["early"])[0] == shown  # what that person read
    assert _row(stack, people["early"])[1].endswith(f"/privacy/{shown}")
    assert _row(stack, people["odd"])[0] == current  # a version that never was: the one in force
