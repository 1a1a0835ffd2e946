"""Logging in and out of the console, and pages asked without a login."""

import re
from urllib.parse import quote

import pytest

from tests.console.browserless import PASSWORD, Console, csrf_on, new_member, new_organization
from tests.support.system import running_stack

pytestmark = pytest.mark.e2e


def _alert(page: str) -> str:
    found = re.search(r'<div class="alert alert-danger"[^>]*>(.*?)</div>', page, re.S)
    assert found, "no alert on the page"
    return found.group(1).strip()


def test_login_with_wrong_password_is_refused_without_cookie(browsers, editor):
    console = browsers()

    answer = console.log_in(editor, password="non-e-la-password-giusta")

    assert answer.status_code == 401
    assert "set-cookie" not in answer.headers
    assert "Email o password non corrette" in answer.text
    assert f'value="{editor.email}"' in answer.text


def test_login_with_unknown_email_answers_as_a_wrong_password(browsers, editor):
    console = browsers()
    wrong_password = console.log_in(editor, password="non-e-la-password-giusta")

    unknown = console.http.post(
        "/console/login",
        data={"email": "nessuno@comune.example.it", "password": "qualcosa-di-lungo"},
    )

    assert unknown.status_code == wrong_password.status_code == 401
    assert _alert(unknown.text) == _alert(wrong_password.text)


def test_login_with_right_password_sets_an_http_only_session_cookie(browsers, editor):
    console = browsers()

    answer = console.log_in(editor)

    cookie = answer.headers["set-cookie"]
    assert answer.status_code == 303
    assert cookie.startswith("convegni_session=")
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert "Max-Age=43200" in cookie


def test_page_without_login_redirects_to_the_login_form_and_back(browsers, editor):
    console = browsers()
    events = f"/console/{editor.organization.slug}/events"

    asked = console.get(events)
    logged_in = console.http.post(
        "/console/login", data={"email": editor.email, "password": PASSWORD, "next": events}
    )

    assert asked.status_code == 303
    assert asked.headers["location"] == f"/console/login?next={quote(events, safe='')}"
    assert logged_in.headers["location"] == events


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/x", "/\\evil.example"]
)
def test_login_never_redirects_off_the_site(browsers, editor, elsewhere):
    console = browsers()

    answer = console.http.post(
        "/console/login",
        data={"email": editor.email, "password": PASSWORD, "next": elsewhere},
    )

    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/"


def test_logout_ends_the_session(logged_in, editor):
    events = f"/console/{editor.organization.slug}/events"
    csrf = csrf_on(logged_in.get(events).text)
    cookie_before = logged_in.http.cookies.get("convegni_session")

    answer = logged_in.post("/console/logout", {"csrf": csrf})
    logged_in.http.cookies.set("convegni_session", cookie_before, path="/console")
    replayed = logged_in.get(events)

    assert answer.status_code == 303
    assert 'convegni_session=""' in answer.headers["set-cookie"]
    assert replayed.status_code == 303
    assert replayed.headers["location"].startswith("/console/login")


def test_login_cookie_is_secure_when_the_site_is_served_over_https(tmp_path):
    with running_stack(tmp_path, env={"SECURE_COOKIES": "true", "SESSION_HOURS": "2"}) as stack:
        member = new_member(stack, new_organization(stack, "https"))
        console = Console(stack)

        answer = console.log_in(member)
        console.close()

    assert "Secure" in answer.headers["set-cookie"]
    assert "Max-Age=7200" in answer.headers["set-cookie"]
