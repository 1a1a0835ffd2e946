"""An organization's accessibility statement: the default is true of this software before
anyone writes one; editors change it in the console (viewers read it); bad input is refused
with nothing written; the public statement and the site's legal pages answer in it and en."""

import httpx
import pytest

from tests.console.browserless import new_member

pytestmark = pytest.mark.e2e


def test_the_default_statement_then_the_editors_own(stack, organization, logged_in) -> None:
    public = f"{stack.url('events')}/organizations/{organization.slug}/accessibility"
    before = httpx.get(public)
    assert before.status_code == 200
    assert "parzialmente conforme" in before.text and "form.agid.gov.it" in before.text
    assert "non è ancora stato indicato" in before.text  # no invented contact
    assert organization.name in before.text

    page = f"/console/{organization.slug}/legal"
    saved = logged_in.submit(
        page, page, status="compliant", feedback_email="accessibilita@comune.example.it",
        non_accessible_en="The 2019 minutes are scanned PDFs.",
    )  # fmt: skip
    assert saved.status_code == 303, saved.text
    after = httpx.get(public, params={"lang": "en"})
    assert "is compliant" in after.text
    assert "The 2019 minutes are scanned PDFs." in after.text
    assert 'href="mailto:accessibilita@comune.example.it"' in after.text


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "perfect"},
        {"feedback_email": "not an address"},
        {"prepared_on": "1899-01-01"},
        {"prepared_on": "yesterday"},
        {"non_accessible_it": "x" * 4001},
        {"method": ""},
    ],
)
def test_bad_statements_are_refused_and_nothing_changes(
    stack, organization, logged_in, changes
) -> None:
    page = f"/console/{organization.slug}/legal"
    refused = logged_in.submit(page, page, **changes)
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.text
    public = httpx.get(f"{stack.url('events')}/organizations/{organization.slug}/accessibility")
    assert "parzialmente conforme" in public.text


def test_viewers_read_the_page_and_cannot_save(stack, organization, browsers) -> None:
    console = browsers()
    console.log_in(new_member(stack, organization, "viewer"))
    page = f"/console/{organization.slug}/legal"
    assert console.get(page).status_code == 200
    assert console.submit(page, page, status="compliant").status_code == 403


def test_the_console_leads_to_the_privacy_notice_editor(stack, organization, logged_in) -> None:
    answer = logged_in.get(f"/console/{organization.slug}/privacy")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith(stack.url("registrations") + "/organizer/enter")
    assert "next=%2Forganizer%2Fprivacy" in answer.headers["location"]


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("path", ["/accessibility", "/legal-notes", "/cookies"])
def test_the_sites_legal_pages_answer(stack, path, lang) -> None:
    page = httpx.get(f"{stack.url('events')}{path}", params={"lang": lang})
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    assert "/accessibility" in page.text and "/privacy" in page.text


def test_the_cookie_page_names_every_cookie_we_set(stack) -> None:
    page = httpx.get(f"{stack.url('events')}/cookies").text
    for name in ("form_csrf", "convegni_session", "convegni_staff", "ops"):
        assert f"<code>{name}</code>" in page


def test_an_unknown_organizations_statement_is_not_found(stack) -> None:
    assert httpx.get(f"{stack.url('events')}/organizations/nobody/accessibility").status_code == 404


def test_console_pages_link_the_legal_pages_at_the_services_addresses(
    stack, organization, logged_in
) -> None:
    page = logged_in.get(f"/console/{organization.slug}/legal").text
    assert f'href="{stack.url("registrations")}/privacy"' in page
    assert f'href="{stack.url("events")}/accessibility"' in page
