"""Every route behind a login refuses a stranger, and every form that changes something
refuses a post without its CSRF field, changing nothing. Both lists are read from the apps'
route tables, so that a route added later is tested without anyone listing it here."""

import httpx
import pytest

from tests.console.browserless import PASSWORD, Organization, new_member
from tests.hostile.conftest import ORG, Witness
from tests.hostile.estate import APPS, Estate, Route, build_estate, routes

pytestmark = pytest.mark.e2e

PROTECTED = ("/api/organizer", "/api/admin", "/console", "/organizer")
# Under those prefixes, the only doors meant for people without credentials.
PUBLIC = {
    Route("events", "GET", "/console/login"),
    Route("events", "POST", "/console/login"),
    # An invitation's link: its random token is the credential (an unknown one is not found).
    Route("events", "GET", "/console/invitations/{token}"),
    Route("events", "POST", "/console/invitations/{token}"),
    Route("registrations", "GET", "/organizer/enter"),
}
EVERY_ROUTE = [route for service in APPS for route in routes(service)]
BEHIND_A_LOGIN = [
    route for route in EVERY_ROUTE if route.path.startswith(PROTECTED) and route not in PUBLIC
]
# Forms people post (the JSON API takes tokens, which another site cannot send), but the
# login form and the invitation's (a new person's account), which no session protects yet:
# the browser's Origin does (tests/console/test_colleagues.py for the invitation).
WITHOUT_SESSION = {
    Route("events", "POST", "/console/login"),
    Route("events", "POST", "/console/invitations/{token}"),
}
FORMS = [
    route
    for route in EVERY_ROUTE
    if route.method == "POST"
    and not route.path.startswith("/api/")
    and route not in WITHOUT_SESSION
]
# What a forged form would try to change, were it read.
FORGED = {"title": "Falsificato", "name": "Falsificato", "reason": "x", "to": "online"}


@pytest.fixture(scope="module")
def estate(world, witness) -> Estate:
    return build_estate(world, witness)


def test_route_tables_hold_what_the_lists_expect():
    assert PUBLIC <= set(EVERY_ROUTE)
    assert len(BEHIND_A_LOGIN) > 50
    assert len(FORMS) > 20


def refused(answer: httpx.Response) -> bool:
    """401, 403 or 404; or, for the console, the way to its login form."""
    to_login = answer.headers.get("location", "").startswith("/console/login")
    return answer.status_code in (401, 403, 404) or (answer.status_code == 303 and to_login)


@pytest.mark.parametrize("route", BEHIND_A_LOGIN, ids=str)
def test_route_behind_a_login_refuses_a_stranger(estate, witness, route):
    with witness.client(estate.world.url(route.service)) as stranger:
        answer = stranger.request(route.method, estate.path(route), data=FORGED)

    assert refused(answer), (answer.status_code, answer.text[:300])


def fingerprint(estate: Estate, witness: Witness) -> dict[str, object]:
    """What any of the forms could change: events, directories, the programme, a token, the
    console login, and the registered person."""
    world, ids = estate.world, estate.ids
    with witness.client(world.url("events"), headers=world.organizer) as api:
        state = {
            path: api.get(path).json()
            for path in (
                "/api/organizer/events",
                "/api/organizer/speakers",
                "/api/organizer/venues",
                f"/api/organizer/events/{ids['event_id']}/input",
            )
        }
    token = {"Authorization": f"Bearer {ids['token_value']}"}
    with witness.client(world.url("events")) as other:
        state["token works"] = other.get("/api/organizer/events", headers=token).status_code
        other.cookies.set("convegni_session", estate.console_cookie)
        state["logged in"] = other.get("/console/").headers.get("location")
    return {**state, "person": estate.registration()}


def cookies(estate: Estate, route: Route) -> dict[str, str]:
    """The login a browser holds for the route's pages, as a forged form would ride on it."""
    if route.path.startswith("/console"):
        return {"convegni_session": estate.console_cookie}
    if route.path.startswith("/organizer"):
        return {"convegni_staff": estate.staff_cookie}
    return {}


@pytest.mark.parametrize("route", FORMS, ids=str)
def test_form_without_its_csrf_field_is_refused_and_changes_nothing(estate, witness, route):
    before = fingerprint(estate, witness)

    with witness.client(estate.world.url(route.service), cookies=cookies(estate, route)) as site:
        answer = site.post(estate.path(route), data=FORGED)

    assert answer.status_code == 403, answer.text[:300]
    assert fingerprint(estate, witness) == before


def test_login_form_posted_by_another_site_is_refused(world, witness):
    """The login form has no session to bind a CSRF value to: the browser's Origin tells."""
    member = new_member(world.stack, Organization(ORG, ORG), "viewer")
    login = {"email": member.email, "password": PASSWORD}

    with witness.client(world.url("events")) as browser:
        forged = browser.post("/console/login", data=login, headers={"Origin": "https://x.example"})
        own = browser.post("/console/login", data=login, headers={"Origin": world.url("events")})
        witness.keep(own.cookies.get("convegni_session", ""))

    assert forged.status_code == 403
    assert "convegni_session" not in forged.cookies
    assert own.status_code == 303
