"""Who gets in: a console pass becomes a cookie; another organization finds nothing."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.organizer.conftest import ORG, OTHER, csrf_of, wait_for_token
from tests.support.system import organizer_headers

pytestmark = pytest.mark.e2e

ROUTES = [
    ("GET", "/api/organizer/events/{slug}/registrations"),
    ("GET", "/api/organizer/events/{slug}/registrations/{id}"),
    ("POST", "/api/organizer/events/{slug}/registrations/{id}/confirm"),
    ("POST", "/api/organizer/events/{slug}/registrations/{id}/decline"),
    ("POST", "/api/organizer/events/{slug}/registrations/{id}/erase"),
    ("GET", "/api/organizer/events/{slug}/summary"),
    ("POST", "/api/organizer/events/{slug}/checkins"),
    ("GET", "/api/organizer/events/{slug}/checkins/counts"),
    ("GET", "/organizer/events/{slug}"),
    ("GET", "/organizer/events/{slug}/registrations.csv"),
    ("GET", "/organizer/events/{slug}/registrations.xlsx"),
    ("POST", "/organizer/events/{slug}/registrations/{id}/confirm"),
    ("POST", "/organizer/events/{slug}/registrations/{id}/decline"),
    ("GET", "/organizer/events/{slug}/registrations/{id}/erase"),
    ("POST", "/organizer/events/{slug}/registrations/{id}/erase"),
    ("GET", "/organizer/events/{slug}/checkin"),
    ("GET", "/organizer/events/{slug}/checkin/counts.json"),
    ("POST", "/organizer/events/{slug}/checkin"),
    ("GET", "/organizer/events/{slug}/add"),
    ("POST", "/organizer/events/{slug}/add"),
]
IDS = [f"{method} {path}" for method, path in ROUTES]


@pytest.fixture(scope="module")
def theirs(stack, published):
    """ORG's conference with one waitlisted and one confirmed person, and OTHER's token."""
    conference = published(capacity=1)
    seated = conference.register()
    conference.register("Anna")
    other = organizer_headers(stack, OTHER)
    wait_for_token(stack, conference.slug, other, 404)
    return conference, seated["id"], other


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=IDS)
def test_other_organization_gets_404(theirs, method, path):
    conference, registration_id, other = theirs
    body = {"registration_id": registration_id} if path.endswith("checkins") else None

    answer = conference.client.request(
        method,
        path.format(slug=conference.slug, id=registration_id),
        json=body,
        headers=other,
    )

    assert answer.status_code == 404, answer.text
    assert conference.registration(registration_id)["status"] == "confirmed"
    assert conference.registration(registration_id)["checked_in_at"] is None
    assert conference.summary()["by_status"] == {"confirmed": 1, "waitlisted": 1}


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=IDS)
def test_no_credentials_are_refused(theirs, method, path):
    conference, registration_id, _ = theirs

    answer = httpx.request(
        method,
        conference.stack.url("registrations")
        + path.format(slug=conference.slug, id=registration_id),
    )

    assert answer.status_code == 401


def test_console_pass_sets_a_cookie_and_the_page_loads(published):
    conference = published()
    handed = make_pass(
        {"org": ORG, "role": "editor", "actor": "x"},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )

    with conference.browser() as browser:
        entered = browser.get("/organizer/enter", params={"pass": handed, "next": conference.page})
        page = browser.get(conference.page)

    assert entered.status_code == 303
    assert entered.headers["location"] == conference.page
    cookie = entered.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/organizer" in cookie
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"


def _expired() -> str:
    claims = {"org": ORG, "role": "editor", "actor": "x"}
    past = datetime.now(UTC) - timedelta(minutes=1)
    return make_pass(claims, key=DEVELOPMENT_SECRET, expires_at=past)


def _tampered() -> str:
    """A real viewer's pass whose claims were changed to owner, keeping the signature."""
    later = datetime.now(UTC) + timedelta(minutes=5)
    real = make_pass(
        {"org": ORG, "role": "viewer", "actor": "x"}, key=DEVELOPMENT_SECRET, expires_at=later
    )
    raised = make_pass({"org": ORG, "role": "owner", "actor": "x"}, key="guess", expires_at=later)
    return f"{raised.split('.')[0]}.{real.split('.')[1]}"


@pytest.mark.parametrize(
    "handed",
    [_expired(), _tampered(), "", "not-a-pass"],
    ids=["expired", "tampered", "missing", "garbage"],
)
def test_bad_pass_is_refused_with_the_way_back(published, handed):
    conference = published()

    with conference.browser() as browser:
        answer = browser.get("/organizer/enter", params={"pass": handed, "next": conference.page})

    assert answer.status_code == 401
    assert "set-cookie" not in answer.headers
    assert "Apri di nuovo questa pagina dalla console" in answer.text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_pass_never_sends_elsewhere(published, target):
    conference = published()
    handed = make_pass(
        {"org": ORG, "role": "viewer", "actor": "x"},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )

    with conference.browser() as browser:
        entered = browser.get("/organizer/enter", params={"pass": handed, "next": target})

    assert entered.status_code == 303
    assert entered.headers["location"] == "/"


def test_form_without_its_csrf_field_is_refused(published):
    conference = published(capacity=1)
    conference.register()
    waiting = conference.register("Anna")
    browser = conference.enter()
    action = f"{conference.page}/registrations/{waiting['id']}/confirm"

    forged = browser.post(action, data={"csrf": "guess"})
    real = browser.post(action, data={"csrf": csrf_of(browser.get(conference.page).text)})

    assert forged.status_code == 403
    assert real.status_code == 303
    assert conference.registration(waiting["id"])["status"] == "confirmed"


def test_viewer_sees_the_page_but_no_decisions(published):
    conference = published(capacity=1)
    conference.register()
    waiting = conference.register("Anna")
    browser = conference.enter(role="viewer")

    page = browser.get(conference.page)
    door = browser.get(f"{conference.page}/checkin")  # a page with a form, for its CSRF field
    refused = browser.post(
        f"{conference.page}/registrations/{waiting['id']}/confirm",
        data={"csrf": csrf_of(door.text)},
    )

    assert page.status_code == 200
    assert "/confirm" not in page.text
    assert refused.status_code == 403
    assert "Permesso negato" in refused.text


DOOR_OPEN = {
    ("GET", "/organizer/events/{slug}/checkin"),
    ("GET", "/organizer/events/{slug}/checkin/counts.json"),
    ("POST", "/organizer/events/{slug}/checkin"),
    ("POST", "/api/organizer/events/{slug}/checkins"),
    ("GET", "/api/organizer/events/{slug}/checkins/counts"),
}
READING = [route for route in ROUTES if route[0] == "GET" and route not in DOOR_OPEN]


@pytest.fixture(scope="module")
def door(published):
    """Door staff came from the console with a pass: check-in, and nothing else."""
    conference = published(capacity=1)
    seated, waiting = conference.register()["id"], conference.register("Anna")["id"]
    browser = conference.enter(role="door")
    csrf = csrf_of(browser.get(f"{conference.page}/checkin").text)
    return conference, (seated, waiting), browser, csrf


@pytest.mark.parametrize(("method", "path"), READING, ids=[f"{m} {p}" for m, p in READING])
def test_door_staff_reads_nothing_but_the_check_in(door, method, path):
    conference, (seated, _), browser, _ = door

    answer = browser.request(method, path.format(slug=conference.slug, id=seated))

    # The API takes tokens only: the console's cookie is not sent there at all.
    assert answer.status_code == (403 if path.startswith("/organizer") else 401)


def test_door_staff_changes_nothing_but_the_check_in(door):
    conference, (seated, waiting), browser, csrf = door
    decisions = f"{conference.page}/registrations/{waiting}"

    confirm = browser.post(f"{decisions}/confirm", data={"csrf": csrf})
    erase = browser.post(f"{decisions}/erase", data={"csrf": csrf})
    checked = browser.post(
        f"{conference.page}/checkin", data={"csrf": csrf, "registration_id": seated}
    )

    assert [confirm.status_code, erase.status_code, checked.status_code] == [403, 403, 200]
    assert "Il tuo ruolo (addetto all&#39;accoglienza)" in erase.text
    assert conference.registration(waiting)["status"] == "waitlisted"
    assert conference.registration(waiting)["first_name"] == "Anna"
    assert conference.registration(seated)["checked_in_at"] is not None
