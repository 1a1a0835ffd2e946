"""The organizers' pages of attendance and certificates, as an editor uses them in the
browser's place: attendance against the minimum, settings refused with a message a person
can act on (nothing saved), the questionnaire picked, attendance closed once, a certificate
revoked; and the questionnaire's summary page."""

import html
import uuid
from datetime import datetime, timedelta

import httpx
import pytest

from devstack.waiting import wait_until
from tests.console.browserless import PASSWORD, csrf_on, form_on, new_member
from tests.support.html import html_problems

pytestmark = pytest.mark.e2e


def attended_whole_day(desk, first_name: str, email: str | None = None) -> str:
    """A person registered and scanned in before the start and out after the end."""
    body = {
        "first_name": first_name,
        "last_name": "Rossi",
        "email": email or f"{uuid.uuid4().hex[:10]}@comune-test.it",
        "privacy_consent": True,
    }
    registered = httpx.post(
        f"{desk.stack.origin}/api/events/{desk.slug}/registrations", json=body, timeout=30
    )
    assert registered.status_code == 201, registered.text
    registration_id = registered.json()["id"]
    starts = datetime.fromisoformat(desk.event["starts_at"]) - timedelta(minutes=30)
    ends = datetime.fromisoformat(desk.event["ends_at"]) + timedelta(minutes=30)
    for at, leaving in ((starts, False), (ends, True)):
        scan = desk.browser.post(
            f"/api/organizer/events/{desk.slug}/registrations/{registration_id}/scans",
            json={"at": at.isoformat(), "leaving": leaving},
            headers=desk.headers,
        )
        assert scan.status_code == 201, scan.text
    return str(registration_id)


def test_an_editor_sets_up_closes_and_revokes_on_the_certificates_page(desk):
    desk.enter()
    attended_whole_day(desk, "Anna")
    page_url = f"{desk.page}/certificates"
    api = f"/api/organizer/events/{desk.slug}"

    page = desk.browser.get(page_url)
    settings_form = form_on(page.text, f"{page_url}/settings#error-summary")
    wrong = desk.browser.post(
        f"{page_url}/settings",
        data={**settings_form, "issued": "on", "minimum_percent": "30", "credits": "4"},
    )
    unchanged = desk.browser.get(f"{api}/certificates/settings", headers=desk.headers).json()
    saved = desk.browser.post(
        f"{page_url}/settings",
        data={
            **settings_form,
            "issued": "on",
            "minimum_percent": "80",
            "credits": "4",
            "accreditation": "Evento accreditato dal CROAS Lombardia con 4 crediti formativi",
            "signatory_name_1": "Gianni Rossoni",
            "signatory_role_1": "Presidente",
        },
    )
    picked = desk.browser.post(
        f"{page_url}/questionnaire",
        data={"csrf": csrf_on(page.text), "q_overall": "on", "q_comments": "on"},
    )
    forged = desk.browser.post(f"{page_url}/close", data={"csrf": "not-the-token"})
    ready = desk.browser.get(page_url)
    closed = desk.browser.post(f"{page_url}/close", data=form_on(ready.text, f"{page_url}/close"))
    issued = desk.browser.get(closed.headers["location"])

    assert page.status_code == 200, page.text
    assert "Presenze e attestati" in page.text and "Anna Rossi" in page.text
    assert html_problems(page.text) == []
    assert wrong.status_code == 422
    assert "Presenza minima (% del tempo previsto): indica un numero tra 50 e 100" in wrong.text
    assert unchanged["issued"] is False
    assert saved.status_code == 303 and picked.status_code == 303
    now_saved = desk.browser.get(f"{api}/certificates/settings", headers=desk.headers).json()
    assert (now_saved["issued"], now_saved["minimum_share"], now_saved["credits"]) == (
        True,
        0.8,
        "4",
    )
    assert now_saved["signatories"] == [{"name": "Gianni Rossoni", "role": "Presidente"}]
    asked = desk.browser.get(f"{api}/questionnaire", headers=desk.headers).json()
    assert [q["key"] for q in asked["questions"]] == ["overall", "comments"]
    assert forged.status_code == 403
    assert closed.status_code == 303
    assert "Presenze chiuse: gli attestati partono per email." in issued.text
    (listed,) = desk.browser.get(f"{api}/certificates", headers=desk.headers).json()
    assert listed["code"] in issued.text and "Inviato" in issued.text
    assert html_problems(issued.text) == []

    audit = f"/console/{desk.organization.slug}/audit"
    revoke_url = f"{page_url}/{listed['id']}/revoke"
    revoked = desk.browser.post(
        revoke_url, data={**form_on(issued.text, revoke_url), "reason": "Errore"}
    )
    again = desk.browser.post(f"{page_url}/close", data={"csrf": csrf_on(issued.text)})
    summary = desk.browser.get(f"{desk.page}/questionnaire")

    assert revoked.status_code == 303
    assert "Revocato" in desk.browser.get(page_url).text
    assert again.status_code == 409
    assert "Le presenze sono già chiuse" in again.text
    assert summary.status_code == 200 and "Risposte ricevute: 0" in summary.text
    assert html_problems(summary.text) == []
    owner = httpx.Client(base_url=desk.stack.origin, timeout=30)
    member = new_member(desk.stack, desk.organization, "owner")
    owner.post("/console/login", data={"email": member.email, "password": PASSWORD})
    log = wait_until(
        lambda: (
            "ha revocato l'attestato di" in (text := html.unescape(owner.get(audit).text)) and text
        ),
        timeout=60,
        what="the revocation in the audit log",
    )
    assert "ha chiuso le presenze e rilasciato 1 attestati" in log
