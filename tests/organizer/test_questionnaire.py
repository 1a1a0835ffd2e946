"""The feedback questionnaire: with it required, a certificate is released only after the
person's answers (mailed then, once); the organizer's summary and export count the answers
and name nobody, and the stored answers carry nothing that leads back to a person."""

import csv
import io
import re
import sqlite3
import uuid
from urllib.parse import urlsplit

import pytest

from devstack.waiting import wait_until
from services.registrations.domain.links import Link, make_token
from shared.settings import DEVELOPMENT_SECRET
from tests.organizer.test_attendance_report import add_scan, event_day, morning_and_afternoon
from tests.organizer.test_certificates import SETTINGS
from tests.support.certificates import (
    STANDARD_QUESTIONNAIRE,
    attached_pdfs,
    certificate_mails,
    pdf_text,
)
from tests.support.mail import read_messages

pytestmark = pytest.mark.e2e

STANDARD = {**STANDARD_QUESTIONNAIRE, "required": True}


def questionnaire_mails(maildir, address: str) -> list:
    return [
        message
        for message in read_messages(maildir)
        if message["To"].addresses[0].addr_spec == address
        and str(message["Subject"]).startswith("Il tuo attestato ti aspetta")
    ]


def personal_page(registration_id: str) -> str:
    """The path of the person's own page, as their emails link it."""
    return f"/r/{make_token(Link(registration_id, 'manage', None), secret=DEVELOPMENT_SECRET)}"


def send_answers(conference, page: str, answers: dict[str, str]):
    token = page.split("/")[2]
    return conference.client.post(f"{page}/questionnaire", data={"token": token, **answers})


def attended(conference, day: str, name: str, email: str) -> dict:
    person = conference.register(name, email=email)
    add_scan(conference, person["id"], day, "08:50", False)
    add_scan(conference, person["id"], day, "16:00", True)
    return person


def test_a_required_questionnaire_holds_the_certificate_until_answered(published):
    day = event_day()
    conference = published(**morning_and_afternoon(day))
    maildir = conference.stack.maildir
    email = {name: f"{name.lower()}-{uuid.uuid4().hex[:8]}@comune-test.it" for name in ("A", "B")}
    anna, bruno = (
        attended(conference, day, "Anna", email["A"]),
        attended(conference, day, "Bruno", email["B"]),
    )
    api, staff = conference.api, conference.staff
    assert (
        conference.client.put(f"{api}/questionnaire", json=STANDARD, headers=staff).status_code
        == 200
    )
    assert (
        conference.client.put(
            f"{api}/certificates/settings", json=SETTINGS, headers=staff
        ).status_code
        == 200
    )
    brunos_page = personal_page(bruno["id"])
    early = send_answers(
        conference,
        brunos_page,
        {
            "overall": "5",
            "relevance": "4",
            "speakers": "5",
            "organization": "4",
            "comments": "Ottimo",
        },
    )
    assert early.status_code == 200 and "Grazie per le tue risposte" in early.text

    closed = conference.client.post(f"{api}/attendance/close", headers=staff)

    assert closed.json() == {"certificates_issued": 2}
    asked = wait_until(lambda: questionnaire_mails(maildir, email["A"]), timeout=60, what="the ask")
    wait_until(
        lambda: certificate_mails(maildir, email["B"]), timeout=60, what="Bruno's certificate"
    )
    assert certificate_mails(maildir, email["A"]) == []  # held
    listed = {
        c["registration_id"]: c
        for c in conference.client.get(f"{api}/certificates", headers=staff).json()
    }
    assert listed[anna["id"]]["released_at"] is None and listed[bruno["id"]]["released_at"]
    (ask,) = asked
    link = re.search(r"https?://\S+/questionnaire", ask.get_body(("plain",)).get_content()).group(0)
    annas_page = urlsplit(link).path.removesuffix("/questionnaire")
    page = conference.client.get(annas_page)
    assert "ti sarà inviato appena risponderai al questionario" in page.text
    assert "certificate-download" not in page.text
    form = conference.client.get(urlsplit(link).path)
    assert form.status_code == 200 and "Giudizio complessivo sull&#39;evento" in form.text

    missing = send_answers(conference, annas_page, {"overall": "4", "comments": "Sala fredda"})
    assert missing.status_code == 422 and "Scegli un valore da 1 a 5" in missing.text
    assert certificate_mails(maildir, email["A"]) == []
    answered = send_answers(
        conference,
        annas_page,
        {
            "overall": "4",
            "relevance": "3",
            "speakers": "5",
            "organization": "2",
            "comments": "Sala fredda",
        },
    )
    twice = send_answers(
        conference,
        annas_page,
        {"overall": "1", "relevance": "1", "speakers": "1", "organization": "1"},
    )

    assert answered.status_code == 200 and "ti arriverà per email" in answered.text
    assert "Hai già risposto" in twice.text
    (mailed,) = wait_until(
        lambda: certificate_mails(maildir, email["A"]), timeout=60, what="Anna's certificate"
    )
    assert "Anna Rossi" in pdf_text(attached_pdfs(mailed)[0])
    assert len(certificate_mails(maildir, email["B"])) == 1

    summary = conference.client.get(f"{api}/questionnaire/summary", headers=staff)
    export = conference.client.get(f"{api}/questionnaire/responses.csv", headers=staff)

    assert summary.status_code == 200
    counted = summary.json()
    assert counted["responses"] == 2
    ratings = {rating["key"]: rating for rating in counted["ratings"]}
    assert ratings["overall"]["counts"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert ratings["overall"]["average"] == 4.5
    assert ratings["organization"]["counts"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 0}
    assert counted["texts"] == [
        {"key": "comments", "asks": "Commenti e suggerimenti", "texts": ["Ottimo", "Sala fredda"]}
    ]
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Giudizio complessivo sull'evento" and len(rows) == 3
    for said in (summary.text, export.text):
        for person in (anna, bruno):
            assert person["id"] not in said
        for marker in ("Anna", "Bruno", "Rossi", email["A"], email["B"]):
            assert marker not in said
    database = conference.stack.config.var_dir / "registrations.db"
    with sqlite3.connect(database) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(feedback_response)")}
    assert columns == {"id", "event_id", "answers"}  # nothing names the person, nor when


def test_the_questions_are_checked_and_fixed_once_answered(published):
    conference = published()
    api, staff = conference.api, conference.staff

    unworded = conference.client.put(
        f"{api}/questionnaire",
        json={"questions": [{"key": "venue", "kind": "rating"}]},
        headers=staff,
    )
    doubled = conference.client.put(
        f"{api}/questionnaire",
        json={"questions": [{"key": "overall", "kind": "rating"}] * 2},
        headers=staff,
    )
    own = {
        "questions": [
            {"key": "overall", "kind": "rating"},
            {"key": "venue", "kind": "rating", "label": "Comodità della sala"},
        ]
    }
    saved = conference.client.put(f"{api}/questionnaire", json=own, headers=staff)
    person = conference.register("Carla")
    page = personal_page(person["id"])
    send_answers(conference, page, {"overall": "3", "venue": "2"})
    changed = conference.client.put(
        f"{api}/questionnaire", json={"questions": own["questions"][:1]}, headers=staff
    )

    assert unworded.status_code == 422 and "needs its wording" in unworded.text
    assert doubled.status_code == 422 and "overall repeated" in doubled.text
    assert saved.status_code == 200
    assert [q["key"] for q in saved.json()["standard"]] == [
        "overall",
        "relevance",
        "speakers",
        "organization",
        "comments",
    ]
    assert changed.status_code == 409
    assert "can no longer change" in changed.json()["detail"]


def test_certificates_held_for_the_questionnaire_go_out_once_it_is_no_longer_required(
    published,
):
    day = event_day()
    conference = published(**morning_and_afternoon(day))
    maildir = conference.stack.maildir
    address = f"dora-{uuid.uuid4().hex[:8]}@comune-test.it"
    dora = attended(conference, day, "Dora", address)
    api, staff = conference.api, conference.staff
    conference.client.put(f"{api}/questionnaire", json=STANDARD, headers=staff)
    conference.client.put(f"{api}/certificates/settings", json=SETTINGS, headers=staff)
    conference.client.post(f"{api}/attendance/close", headers=staff)
    wait_until(lambda: questionnaire_mails(maildir, address), timeout=60, what="the ask")

    optional = conference.client.put(
        f"{api}/questionnaire", json={**STANDARD, "required": False}, headers=staff
    )
    (mailed,) = wait_until(
        lambda: certificate_mails(maildir, address), timeout=60, what="Dora's certificate"
    )

    assert optional.status_code == 200
    assert "Dora Rossi" in pdf_text(attached_pdfs(mailed)[0])
    (listed,) = conference.client.get(f"{api}/certificates", headers=staff).json()
    assert listed["registration_id"] == dora["id"] and listed["released_at"]
    again = conference.client.put(
        f"{api}/questionnaire", json={**STANDARD, "required": False}, headers=staff
    )
    assert again.status_code == 200
    assert len(certificate_mails(maildir, address)) == 1
