"""Console forms carry a CSRF value bound to the login: without it, or with another, nothing
happens."""

import pytest

from tests.console.browserless import new_member
from tests.console.payloads import created, small_event

pytestmark = pytest.mark.e2e


@pytest.fixture
def draft(stack, organization):
    event = created(stack, organization.slug, small_event(organization.slug))
    return f"/console/{organization.slug}/events/{event['id']}"


@pytest.mark.parametrize("sent", [{}, {"csrf": ""}, {"csrf": "0" * 64}])
def test_publish_without_the_right_csrf_is_refused_and_changes_nothing(logged_in, draft, sent):
    answer = logged_in.post(f"{draft}/publish", sent)

    assert answer.status_code == 403
    assert "Bozza" in logged_in.get(draft).text


def test_csrf_of_another_login_is_refused(logged_in, draft, stack, organization, browsers):
    other = browsers()
    other.log_in(new_member(stack, organization, "editor"))

    answer = logged_in.post(f"{draft}/publish", {"csrf": other.csrf()})

    assert answer.status_code == 403
    assert "Bozza" in logged_in.get(draft).text


def test_edit_with_a_wrong_csrf_keeps_the_title(logged_in, draft):
    page = logged_in.get(f"{draft}/edit")

    answer = logged_in.submit(f"{draft}/edit", f"{draft}/edit", title="Titolo cambiato", csrf="x")

    assert page.status_code == 200
    assert answer.status_code == 403
    assert "Titolo cambiato" not in logged_in.get(draft).text


def test_logout_without_csrf_keeps_the_session(logged_in, editor):
    answer = logged_in.post("/console/logout", {})

    assert answer.status_code == 403
    assert logged_in.get(f"/console/{editor.organization.slug}/events").status_code == 200
