"""Tenant isolation over every route of the three services, read from their route tables: a
member of another organization (OTHER), with valid credentials of every kind it holds (its
API token, an owner's console login, the registrations cookie of the console's pass), aims
at each route with the path naming ORG's things (its draft and its published event, their
programme items and questions, its directories, token, colleague and registered person).
Every answer is 403 or 404, shows nothing of ORG's, and no row of either database changes.

Each aimed address also opens for ORG's own people (the control: a refusal is about whose
it is). A route that needs no organizer is listed in PUBLIC, one for operators in OPERATOR
(OTHER's token gets 401 or 403 there), one acting only in the caller's organization in OWN
(tests/hostile/route_kinds.py; there OTHER sees and changes nothing of ORG's): a new route
lands among the aimed ones until someone lists it, and the sweep names it."""

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.console.payloads import SUBMITTED, small_event
from tests.hostile.bodies import Document, Fill
from tests.hostile.conftest import OTHER, Witness
from tests.hostile.estate import EVERY_APP, Route, build_estate, routes
from tests.hostile.route_kinds import OPERATOR, OWN, PUBLIC
from tests.hostile.tenants import (
    QUESTION,
    Credentials,
    Targets,
    changed,
    console_login,
    org_targets,
    other_organization,
    rows,
)

pytestmark = pytest.mark.e2e


EVERY_ROUTE = [route for service in EVERY_APP for route in routes(service)]
ORGANIZER = [route for route in EVERY_ROUTE if route not in PUBLIC | OPERATOR]
DOCUMENTS = {service: Document(app().openapi()) for service, app in EVERY_APP.items()}
NOTICE = {"controller_name": "Ente intruso"}
# JSON bodies a route's rightful caller could send, so that only whose data it is stops it.
BODIES: dict[tuple[str, str], Any] = {
    ("PUT", "/api/organizer/events/{event_id}"): "a conference",
    ("POST", "/api/organizer/events"): "a conference",
    ("POST", "/api/organizer/events/{event_id}/cancel"): {"reason": "Intrusione"},
    ("POST", "/api/organizer/speakers"): {"name": "Intruso"},
    ("PUT", "/api/organizer/speakers/{speaker_id}"): {"name": "Intruso"},
    ("POST", "/api/organizer/venues"): {"name": "Sala intrusa"},
    ("PUT", "/api/organizer/venues/{venue_id}"): {"name": "Sala intrusa"},
    ("PUT", "/api/organizer/events/{slug}/form"): {"questions": [QUESTION]},
    ("PUT", "/api/organizer/privacy"): NOTICE,
    ("PUT", "/api/organizer/events/{slug}/privacy"): NOTICE,
    ("POST", "/api/organizer/events/{slug}/checkins"): "the person",
    ("PUT", "/api/organizer/events/{slug}/questionnaire"): {
        "questions": [{"key": "venue", "kind": "rating", "label": "Intrusione"}]
    },
}
# Fields the registrations service's forms take, beside the console's.
FIELDS = {
    **SUBMITTED,
    "first_name": "Intruso",
    "last_name": "Intruso",
    "email": "intruso@comune-test.it",
    "privacy_told": "on",
    "label_it": "Intrusione",
    "label_en": "Intrusion",
    "code": "ABCDEF",
    **NOTICE,
}
EVENT_NAMES = {"event_id", "slug"}


@dataclass(frozen=True)
class Case:
    """A route, the credential OTHER sends, ORG's event the path names (draft or published,
    "" when none) and whose organization its {org} is (ORG's, or OTHER's own)."""

    route: Route
    credential: str
    event: str = ""
    own_org: bool = False

    def __str__(self) -> str:
        event = f" ({self.event})" if self.event else ""
        org = " under its own organization" if self.own_org else ""
        return f"{self.route}{event} with {self.credential}{org}"


def names(route: Route) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", route.path))


def credentials(route: Route) -> tuple[str, ...]:
    """The credentials of OTHER's that the route's service takes."""
    if route.service == "registrations":
        return ("token", "staff")
    return ("console",) if route.path.startswith("/console") else ("token",)


def aimed(route: Route) -> list[Case]:
    """The cases naming ORG's things: every event of ORG's the route may name, with ORG's
    organization in the path and, where it names more, with OTHER's own."""
    named = names(route)
    if not named - {"org"}:
        return [Case(route, c, own_org=False) for c in credentials(route) if named]
    events = ("published", "draft") if named & EVENT_NAMES else ("",)
    if "registration_id" in named:
        events = ("published",)  # a draft takes no registrations: the person is the other's
    orgs = (False, True) if "org" in named else (False,)
    return [
        Case(route, c, event, own) for c in credentials(route) for event in events for own in orgs
    ]


AIMED = [case for route in ORGANIZER for case in aimed(route)]
OWN_CASES = [
    Case(route, c, own_org=True)
    for route in ORGANIZER
    if route in OWN or names(route) == {"org"}
    for c in credentials(route)
]
OPERATOR_CASES = [Case(route, "token") for route in sorted(OPERATOR, key=str)]


@pytest.fixture(scope="module")
def other(world, witness) -> Credentials:
    return other_organization(world, witness)


@pytest.fixture(scope="module")
def targets(world, witness, other) -> Targets:
    return org_targets(build_estate(world, witness), witness)


def test_every_route_is_aimed_at_or_listed():
    unlisted = [str(r) for r in ORGANIZER if not names(r) and r not in OWN]
    stale = [str(r) for r in PUBLIC | OPERATOR | OWN if r not in EVERY_ROUTE]

    assert (unlisted, stale) == ([], [])
    assert len(AIMED) > 250
    assert {case.route.service for case in AIMED} == {"events", "registrations"}


def body(case: Case, targets: Targets) -> Any:
    """The JSON body of an API route: one its rightful caller could send."""
    route = case.route
    given = BODIES.get((route.method, route.path))
    if given == "a conference":
        return small_event("intruso")  # names of its own: none is ORG's
    if given == "the person":
        return {"registration_id": targets.estate.ids["registration_id"]}
    if given is not None:
        return given
    schema = DOCUMENTS[route.service].body_schema(route.method, route.path)
    return None if schema is None else DOCUMENTS[route.service].filled(schema, Fill("Intrusione"))


def send(case: Case, targets: Targets, other: Credentials, witness: Witness) -> httpx.Response:
    """The request OTHER's member makes, path filled with ORG's things."""
    route = case.route
    ids = targets.ids(case.event or "published") | ({"org": OTHER} if case.own_org else {})
    path = route.path.format(**ids)
    headers = other.token if case.credential == "token" else {}
    cookies = {
        "console": {"convegni_session": other.console_cookie},
        "staff": {"convegni_staff": other.staff_cookie},
    }.get(case.credential, {})
    world = targets.estate.world
    with witness.client(world.url(route.service), headers=headers, cookies=cookies) as client:
        if route.method == "GET":
            return client.get(path)
        if route.path.startswith("/api/"):
            return client.request(route.method, path, json=body(case, targets))
        csrf = other.console_csrf if case.credential == "console" else other.staff_csrf
        return client.request(route.method, path, data={**FIELDS, "csrf": csrf})


def shown(answer: httpx.Response, targets: Targets) -> list[str]:
    """ORG's markers in the answer that the request did not carry itself."""
    sent = str(answer.request.url) + answer.request.content.decode(errors="replace")
    text = answer.text
    return sorted(m for m in targets.markers if m in text and m not in sent)


@pytest.mark.parametrize("case", AIMED, ids=str)
def test_another_organization_reaches_nothing_of_ours(targets, other, witness, case):
    before = rows(targets.estate.world.stack)

    answer = send(case, targets, other, witness)

    assert answer.status_code in (403, 404), (answer.status_code, answer.text[:300])
    assert shown(answer, targets) == []
    assert changed(before, rows(targets.estate.world.stack)) == []


def its_own(targets: Targets) -> Credentials:
    """ORG's own credentials: its token, its owner's console login and registrations cookie."""
    estate = targets.estate
    world, console, staff = estate.world, estate.console_cookie, estate.staff_cookie
    return Credentials("", world.organizer, console, "", staff, "")


# The control: what OTHER is refused, ORG's own people read (or are sent on to), so that the
# refusal is about whose it is, not an address that names nothing.
READS = [case for case in AIMED if case.route.method == "GET" and not case.own_org]


@pytest.mark.parametrize("case", READS, ids=str)
def test_the_same_address_opens_for_its_own_organization(targets, witness, case):
    answer = send(case, targets, its_own(targets), witness)

    assert answer.status_code in (200, 303), (answer.status_code, answer.text[:300])


@pytest.mark.parametrize("case", OPERATOR_CASES, ids=str)
def test_an_organizers_token_is_no_operators(targets, other, witness, case):
    before = rows(targets.estate.world.stack)

    answer = send(case, targets, other, witness)

    assert answer.status_code in (401, 403), (answer.status_code, answer.text[:300])
    assert changed(before, rows(targets.estate.world.stack)) == []


def theirs(targets: Targets, witness: Witness) -> dict[str, Any]:
    """What ORG sees of its own through its token: directories, events, form, people."""
    world, events = targets.estate.world, targets.events
    seen: dict[str, Any] = {}
    with witness.client(world.url("events"), headers=world.organizer) as api:
        for path in ("events", "speakers", "venues"):
            seen[path] = api.get(f"/api/organizer/{path}").json()
        for event in events.values():
            seen[event["slug"]] = api.get(f"/api/organizer/events/{event['event_id']}").json()
    with witness.client(world.url("registrations"), headers=world.organizer) as api:
        seen["privacy"] = api.get("/api/organizer/privacy").json()
        for event in events.values():
            base = f"/api/organizer/events/{event['slug']}"
            seen[f"{event['slug']} form"] = api.get(f"{base}/form").json()
            seen[f"{event['slug']} people"] = api.get(f"{base}/registrations").json()
    return seen


@pytest.mark.parametrize("case", OWN_CASES, ids=str)
def test_own_organization_shows_and_changes_nothing_of_ours(targets, other, witness, case):
    if case.route.path == "/console/logout":  # it ends the session: one of its own
        cookie, csrf = console_login(targets.estate.world, witness, other.email)
        other = dataclasses.replace(other, console_cookie=cookie, console_csrf=csrf)
    before = theirs(targets, witness)

    answer = send(case, targets, other, witness)

    assert answer.status_code < 500, answer.text[:300]
    assert shown(answer, targets) == []
    assert theirs(targets, witness) == before
