"""Closing attendance issues certificates: the welfare convegno scripted with a morning and
an afternoon (4 h scheduled), three people, and exactly those at 80% or more get a
certificate fact on the bus, once, whatever the organizer clicks twice."""

import uuid
from urllib.parse import urlsplit

import pytest

from devstack.mailsink.store import read_messages
from devstack.waiting import wait_until
from services.registrations.domain.certificate_codes import read_certificate_code
from shared.settings import DEVELOPMENT_SECRET
from tests.manage.bus import _read_in_thread
from tests.organizer.test_attendance_report import add_scan, event_day, morning_and_afternoon
from tests.support.certificates import attached_pdfs, certificate_mails, pdf_text

pytestmark = pytest.mark.e2e

NAMES = ("Anna", "Bruno", "Carla")
ISSUED = "it.convegni.registrations.certificate.issued.v1"
SETTINGS = {
    "issued": True,
    "minimum_share": 0.8,
    "credits": "4",
    "accreditation": "Evento accreditato dal CROAS Lombardia con 4 crediti formativi",
    "signatories": [{"name": "Gianni Rossoni", "role": "Presidente dell'Area Omogenea Cremasca"}],
}


def shortfall_mails(maildir, address: str) -> list:
    """Emails to `address` saying why there is no certificate (no PDF attached)."""
    return [
        message
        for message in read_messages(maildir)
        if message["To"].addresses[0].addr_spec == address
        and str(message["Subject"]).startswith("Attestato di partecipazione:")
        and not attached_pdfs(message)
    ]


def certificates_on_the_bus(conference) -> list[dict]:
    return [
        fact["data"]
        for fact in _read_in_thread(conference.stack.nats_url)
        if fact["type"] == ISSUED and fact["data"]["event_id"] == conference.id
    ]


def test_closing_attendance_issues_certificates_to_those_who_stayed_long_enough(published):
    day = event_day()
    conference = published(**morning_and_afternoon(day))
    email = {name: f"{name.lower()}-{uuid.uuid4().hex[:8]}@comune-test.it" for name in NAMES}
    anna, bruno, carla = (conference.register(name, email=email[name]) for name in NAMES)
    door = {
        anna["id"]: [("08:45", False), ("12:30", True), ("13:50", False), ("16:05", True)],
        bruno["id"]: [("09:30", False), ("16:00", True)],  # 87.5%
        carla["id"]: [("09:50", False), ("16:00", True)],  # 79%
    }
    for registration_id, scans in door.items():
        for clock, leaving in scans:
            assert add_scan(conference, registration_id, day, clock, leaving).status_code == 201
    saved = conference.client.put(
        f"{conference.api}/certificates/settings",
        json={**SETTINGS, "explain_shortfall": True},
        headers=conference.staff,
    )

    closed = conference.client.post(f"{conference.api}/attendance/close", headers=conference.staff)
    again = conference.client.post(f"{conference.api}/attendance/close", headers=conference.staff)

    assert saved.status_code == 200, saved.text
    assert closed.json() == {"certificates_issued": 2}
    assert again.status_code == 409
    wait_until(
        lambda: len(certificates_on_the_bus(conference)) >= 2, timeout=30, what="certificates"
    )
    issued = {fact["person"]["first_name"]: fact for fact in certificates_on_the_bus(conference)}
    assert sorted(issued) == ["Anna", "Bruno"]
    assert (issued["Anna"]["minutes_attended"], issued["Bruno"]["minutes_attended"]) == (240, 210)
    assert {fact["minutes_scheduled"] for fact in issued.values()} == {240}
    assert issued["Anna"]["credits"] == "4"
    assert read_certificate_code(issued["Anna"]["code"], secret=DEVELOPMENT_SECRET)
    maildir = conference.stack.maildir
    mailed = wait_until(
        lambda: (
            all(certificate_mails(maildir, email[name]) for name in ("Anna", "Bruno"))
            and {name: certificate_mails(maildir, email[name]) for name in NAMES}
        ),
        timeout=60,
        what="the certificate emails",
    )
    assert [len(mailed[name]) for name in NAMES] == [1, 1, 0]
    (anna_mail,), (bruno_mail,) = mailed["Anna"], mailed["Bruno"]
    assert anna_mail["Subject"].startswith("Il tuo attestato di partecipazione")
    anna_pdf, bruno_pdf = (pdf_text(attached_pdfs(m)[0]) for m in (anna_mail, bruno_mail))
    assert "Anna Rossi" in anna_pdf and "Bruno Rossi" in bruno_pdf
    for text in (anna_pdf, bruno_pdf):
        assert "Coordinare le politiche sociali" in text
        assert "Crediti formativi: 4" in text
    assert "per 4 ore sulle 4 ore previste dal programma" in anna_pdf
    assert "per 3 ore e 30 minuti sulle 4 ore previste dal programma" in bruno_pdf
    body = anna_mail.get_body(("plain",)).get_content()
    assert "Presenza registrata: 4 ore sulle 4 ore previste dal programma." in body
    assert issued["Anna"]["verify_url"] in body
    explained = wait_until(
        lambda: shortfall_mails(maildir, email["Carla"]), timeout=60, what="Carla's explanation"
    )
    (told,) = explained
    text = told.get_body(("plain",)).get_content()
    assert "Risulta una tua presenza di 3 ore e 10 minuti sulle 4 ore" in " ".join(text.split())
    assert "almeno il 80%" in text
    assert [shortfall_mails(maildir, email[name]) for name in ("Anna", "Bruno")] == [[], []]


def test_attendance_cannot_be_closed_where_no_certificates_are_issued(published):
    conference = published()

    answer = conference.client.post(f"{conference.api}/attendance/close", headers=conference.staff)

    assert answer.status_code == 409
    assert answer.json()["detail"] == (
        "This event issues no certificates: turn them on in its settings first"
    )


def issued_to_anna_and_bruno(published) -> tuple[object, dict[str, dict]]:
    day = event_day()
    conference = published(**morning_and_afternoon(day))
    for name in ("Anna", "Bruno"):
        person = conference.register(name)
        add_scan(conference, person["id"], day, "08:50", False)
        add_scan(conference, person["id"], day, "16:00", True)
    conference.client.put(
        f"{conference.api}/certificates/settings", json=SETTINGS, headers=conference.staff
    )
    conference.client.post(f"{conference.api}/attendance/close", headers=conference.staff)
    wait_until(
        lambda: len(certificates_on_the_bus(conference)) >= 2, timeout=30, what="certificates"
    )
    return conference, {f["person"]["first_name"]: f for f in certificates_on_the_bus(conference)}


def test_the_verification_page_confirms_names_refuses_and_tells_revoked(published):
    conference, issued = issued_to_anna_and_bruno(published)
    anna, bruno = issued["Anna"], issued["Bruno"]
    code = anna["code"]
    tampered = code[:3] + ("X" if code[3] != "X" else "Y") + code[4:]
    revoked = conference.client.post(
        f"{conference.api}/certificates/{bruno['certificate_id']}/revoke",
        json={"reason": "Rilasciato per errore"},
        headers=conference.staff,
    )

    holders_link = conference.client.get(urlsplit(anna["verify_url"]).path)
    code_alone = conference.client.get(f"/certificates/{code}")
    forged = conference.client.get(f"/certificates/{tampered}")
    withdrawn = conference.client.get(f"/certificates/{bruno['code']}")

    assert holders_link.status_code == 200
    assert "Attestato valido" in holders_link.text and "Anna Rossi" in holders_link.text
    assert "240 minuti su 240 previsti dal programma" in holders_link.text
    assert code_alone.status_code == 200
    assert "A. R." in code_alone.text and "Anna Rossi" not in code_alone.text
    assert forged.status_code == 404
    assert "Attestato non valido" in forged.text
    assert revoked.status_code == 200
    assert "Attestato revocato il" in withdrawn.text and "Rilasciato per errore" in withdrawn.text
    assert "Attestato valido" not in withdrawn.text


def test_the_person_downloads_their_certificate_again_until_it_is_revoked(published):
    conference, issued = issued_to_anna_and_bruno(published)
    anna, bruno = issued["Anna"], issued["Bruno"]
    conference.client.post(
        f"{conference.api}/certificates/{bruno['certificate_id']}/revoke",
        json={"reason": "Rilasciato per errore"},
        headers=conference.staff,
    )
    annas_page, brunos_page = (urlsplit(fact["download_url"]).path for fact in (anna, bruno))

    page = conference.client.get(annas_page)
    download = conference.client.get(f"{annas_page}/certificate.pdf")
    revoked_page = conference.client.get(brunos_page)
    revoked_download = conference.client.get(f"{brunos_page}/certificate.pdf")

    assert page.status_code == 200
    assert "Scarica l&#39;attestato (PDF)" in page.text or "Scarica l'attestato (PDF)" in page.text
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/pdf"
    assert 'filename="attestato.pdf"' in download.headers["content-disposition"]
    text = pdf_text(download.content)
    assert "Anna Rossi" in text and "per 4 ore sulle 4 ore previste dal programma" in text
    assert anna["code"] in text
    assert revoked_page.status_code == 200 and "certificate-download" not in revoked_page.text
    assert revoked_download.status_code == 404
