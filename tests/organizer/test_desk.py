"""The registrations of an event inside the console, on one origin (the proxy): the console hands
over without a second login; the page names the organization, leads back to the console, counts
the seats; a person registered by hand on the phone gets what anyone registering gets."""

import re
import uuid

import pytest

from tests.console.browserless import (
    new_member,
)
from tests.organizer.desk import Desk, crumbs, mails_to, seats
from tests.support.mail import calendar_part, invite

pytestmark = pytest.mark.e2e

LUNCH = {
    "kind": "single",
    "label_it": "Ti fermi al buffet?",
    "label_en": "Staying for the buffet?",
    "required": True,
    "options": [
        {"value": "yes", "it": "Sì", "en": "Yes"},
        {"value": "no", "it": "No", "en": "No"},
    ],
}


def test_console_hands_over_on_the_same_origin_and_the_page_leads_back(desk):
    console_event = desk.console_event

    handed = desk.browser.get(f"{console_event}/registrations")
    entered = desk.browser.get(handed.headers["location"])
    page = desk.browser.get(entered.headers["location"])
    adding = desk.browser.get(f"{desk.page}/add")

    assert handed.status_code == 303
    assert handed.headers["location"].startswith("/organizer/enter?pass=")
    assert entered.headers["location"] == desk.page
    assert page.status_code == 200
    assert f"<strong>{desk.organization.name}</strong>" in page.text
    assert desk.organization.slug not in re.sub(r'href="[^"]*"', "", page.text)
    assert f'<a class="nav-link ps-0 pe-3" href="{console_event}">Torna alla console</a>' in (
        page.text
    )
    assert f'<a href="/console/{desk.organization.slug}/events">{desk.organization.name}</a>' in (
        page.text
    )
    assert crumbs(adding.text) == [
        ("Area organizzatori", "/console/"),
        (desk.organization.name, f"/console/{desk.organization.slug}/events"),
        (desk.event["title"], console_event),
        ("Iscrizioni", desk.page),
        ("Aggiungi una persona", None),
    ]


def test_a_person_added_by_hand_is_confirmed_and_gets_the_confirmation_with_the_invite(desk):
    [question] = desk.form(settings={"double_opt_in": True}, questions=[LUNCH])["questions"]
    desk.enter()
    email = f"telefono-{uuid.uuid4().hex[:8]}@comune-test.it"

    answer = desk.add(
        first_name="Giovanna",
        last_name="Telefono",
        email=email,
        privacy_consent="on",
        **{f"q{question['id']}": "yes"},
    )
    [message] = mails_to(desk.stack, email)
    [row] = desk.rows(
        "SELECT r.status, r.added_by, r.privacy_notice_version, a.value FROM registration r "
        "JOIN answer a ON a.registration_id = r.id WHERE r.email = ?",
        email,
    )
    [vevent] = invite(message).walk("VEVENT")

    assert answer.status_code == 200, answer.text
    assert f"Iscrizione confermata: abbiamo scritto a {email}." in answer.text
    assert row[:2] == ("confirmed", desk.member.email)
    assert row[2] != "" and row[3] == "yes"
    assert calendar_part(message).get_param("method") == "REQUEST"
    assert str(invite(message)["METHOD"]) == "REQUEST"
    assert str(vevent["ATTENDEE"]).lower() == f"mailto:{email}"


def test_adding_without_the_privacy_notice_told_stores_nothing(desk):
    email = f"senza-{uuid.uuid4().hex[:8]}@comune-test.it"
    desk.enter()

    answer = desk.add(first_name="Piero", last_name="Senza", email=email)

    assert answer.status_code == 422
    assert "Ho letto o riassunto l&#39;informativa" in answer.text
    assert desk.rows("SELECT id FROM registration WHERE email = ?", email) == []


def test_seat_figures_equal_the_rows_and_the_list_filters(desk):
    desk.form(settings={"double_opt_in": True})
    desk.enter()
    for name in ("Anna", "Bruno"):
        desk.register(name)  # pending: they hold a seat until they confirm the address
    email = f"carla-{uuid.uuid4().hex[:6]}@comune-test.it"
    added = desk.add(first_name="Carla", last_name="Verdi", email=email, privacy_consent="on")
    desk.register("Dario")  # the room (3) is full: the waitlist

    page = desk.browser.get(desk.page)
    waiting = desk.browser.get(desk.page, params={"status": "waitlisted"})
    english = desk.browser.get(desk.page, params={"lang": "en"})
    seated = desk.rows(
        "SELECT count(*) FROM registration WHERE event_id = ? AND status IN "
        "('confirmed', 'pending', 'offered') AND mode = 'in_person'",
        desk.event["id"],
    )[0][0]
    by_status = dict(
        desk.rows(
            "SELECT status, count(*) FROM registration WHERE event_id = ? GROUP BY status",
            desk.event["id"],
        )
    )

    assert added.status_code == 200, added.text
    assert (seated, by_status) == (3, {"pending": 2, "confirmed": 1, "waitlisted": 1})
    assert seats(page.text) == {
        "In sala": f"{seated}/3",
        "Lista d'attesa": str(by_status["waitlisted"]),
        "In attesa di conferma": str(by_status["pending"]),
    }
    assert f"aggiunta a mano da {desk.member.email}" in page.text
    assert "Dario Rossi" in waiting.text and "Anna Rossi" not in waiting.text
    assert "Registered" in english.text and "Back to the console" in english.text


def test_a_viewer_cannot_add_a_person(stack, desk):
    viewer = new_member(stack, desk.organization, "viewer")
    other = Desk(stack, desk.organization, desk.event, viewer)
    other.log_in()
    other.enter()

    answer = other.browser.get(f"{other.page}/add")
    page = other.browser.get(other.page)

    assert answer.status_code == 403
    assert "Aggiungi una persona" not in page.text
