"""Something of every kind to aim at: a draft with a programme, a speaker, a venue, a token,
a person registered to the published conference, a console login and an organizer pass;
and every route of both apps, with its path filled in with them."""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from fastapi.routing import APIRoute, iter_route_contexts

from services.events.main import create_app as events_app
from services.notifications.main import create_app as notifications_app
from services.registrations.domain.links import Link, make_token
from services.registrations.main import create_app as registrations_app
from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.console.browserless import PASSWORD, Organization, new_member
from tests.hostile.conftest import ORG, Witness, World
from tests.support.system import ADMIN_HEADERS, conference

APPS = {"events": events_app, "registrations": registrations_app}
# With the operators' delivery log, for the sweeps that aim at every service.
EVERY_APP = {**APPS, "notifications": notifications_app}


@dataclass(frozen=True)
class Route:
    service: str
    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.service}{self.path}"


def routes(service: str) -> list[Route]:
    """Every route of the service's app, one per method."""
    app = EVERY_APP[service]()
    return [
        Route(service, method, route.path)
        for route in iter_route_contexts(app.routes)
        if isinstance(route.original_route, APIRoute)
        for method in sorted(route.methods or ())
    ]


@dataclass(frozen=True)
class Estate:
    world: World
    ids: dict[str, str]
    console_cookie: str
    staff_cookie: str

    def path(self, route: Route) -> str:
        """The route's path with every parameter naming something real."""
        ids = dict(self.ids)
        if route.path.startswith("/accept/"):
            ids["token"] = ids["accept_token"]
        return route.path.format(**ids)

    def registration(self) -> dict[str, object]:
        url = f"{self.world.url('registrations')}/api/organizer/events/{self.world.slug}"
        answer = httpx.get(
            f"{url}/registrations/{self.ids['registration_id']}", headers=self.world.organizer
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


def _api(world: World, witness: Witness, service: str, headers: dict[str, str]) -> httpx.Client:
    return witness.client(world.url(service), headers=headers)


def _organizer_things(world: World, witness: Witness) -> dict[str, str]:
    with _api(world, witness, "events", world.organizer) as api:
        draft = api.post("/api/organizer/events", json=conference()).json()
        item = api.get(f"/api/organizer/events/{draft['id']}/input").json()["programme"][0]
        speaker = api.post("/api/organizer/speakers", json={"name": "Gianni Rossoni"}).json()
        venue = api.post("/api/organizer/venues", json={"name": "Teatro San Domenico"}).json()
    with _api(world, witness, "events", ADMIN_HEADERS) as admin:
        token = admin.post(f"/api/admin/organizations/{ORG}/tokens", json={"name": "x"}).json()
    witness.keep(token["token"])
    return {
        "org": ORG,
        "event_id": draft["id"],
        "item_id": str(item["id"]),
        "speaker_id": str(speaker["id"]),
        "venue_id": str(venue["id"]),
        "token_id": str(token["id"]),
        "token_value": token["token"],
    }


def _person(world: World, witness: Witness) -> dict[str, str]:
    body = {
        "first_name": "Maria",
        "last_name": "Rossi",
        "email": f"{uuid.uuid4().hex[:10]}@comune-test.it",
        "privacy_consent": True,
    }
    with _api(world, witness, "registrations", {}) as api:
        answer = api.post(f"/api/events/{world.slug}/registrations", json=body)
    assert answer.status_code == 201, answer.text
    person = answer.json()["id"]
    manage = make_token(Link(person, "manage", None), secret=DEVELOPMENT_SECRET)
    accept = make_token(Link(person, "accept1", None), secret=DEVELOPMENT_SECRET)
    return {
        "slug": world.slug,
        "registration_id": person,
        "decision": "decline",
        "kind": "csv",
        "token": manage,
        "accept_token": accept,
        "version": "1",  # of the event's privacy notice
        "question_id": "1",  # of the form builder: checked after the login and the CSRF field
        "page": "settings",  # the console's way on to the registration settings
    }


def _console_cookie(world: World, witness: Witness) -> str:
    owner = new_member(world.stack, Organization(ORG, ORG), "owner")
    with witness.client(world.url("events")) as browser:
        browser.post("/console/login", data={"email": owner.email, "password": PASSWORD})
        cookie = browser.cookies["convegni_session"]
    witness.keep(cookie)
    return cookie


def _staff_cookie(world: World, witness: Witness) -> str:
    handed = make_pass(
        {"org": ORG, "role": "owner", "actor": "tester@comune-test.it"},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )
    with witness.client(world.url("registrations")) as browser:
        browser.get("/organizer/enter", params={"pass": handed})
        cookie = browser.cookies["convegni_staff"]
    witness.keep(handed, cookie)
    return cookie


def _member_id(world: World, witness: Witness, cookie: str) -> str:
    """A member of ORG, as its colleagues page names them (the console's owner)."""
    with witness.client(world.url("events"), cookies={"convegni_session": cookie}) as browser:
        page = browser.get(f"/console/{ORG}/colleagues").text
    found = re.search(r"/colleagues/(\d+)/role", page)
    assert found, "no member on the colleagues page"
    return found.group(1)


def _certificate(world: World, witness: Witness, registration_id: str) -> dict[str, str]:
    """The person, there from before the start to after the end, with their certificate."""
    day = conference()  # the published conference's times, local (as the scans take them)
    begins = datetime.fromisoformat(day["starts_at"]) - timedelta(minutes=30)
    ends = datetime.fromisoformat(day["ends_at"]) + timedelta(minutes=30)
    with _api(world, witness, "registrations", world.organizer) as api:
        events = f"/api/organizer/events/{world.slug}"
        for at, leaving in ((begins, False), (ends, True)):
            scan = {"at": at.isoformat(), "leaving": leaving}
            answer = api.post(f"{events}/registrations/{registration_id}/scans", json=scan)
            assert answer.status_code == 201, answer.text
        settings = {"issued": True, "minimum_share": 0.5, "credits": "4"}
        assert api.put(f"{events}/certificates/settings", json=settings).status_code == 200
        assert api.post(f"{events}/attendance/close").status_code == 200
        (issued,) = api.get(f"{events}/certificates").json()
    return {"certificate_id": issued["id"], "code": issued["code"]}


def _material(world: World, witness: Witness, cookie: str, ids: dict[str, str]) -> str:
    """A PDF on the draft's item, uploaded in the console; its id, as the item's page says."""
    item = f"/console/{ORG}/events/{ids['event_id']}/programme/{ids['item_id']}"
    with witness.client(world.url("events"), cookies={"convegni_session": cookie}) as browser:
        csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get(f"{item}/edit").text)
        assert csrf, "no CSRF field on the item's page"
        sent = browser.post(
            f"{item}/materials",
            data={"csrf": csrf.group(1), "title": "Slide"},
            files={"file": ("slide.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
        )
        assert sent.status_code == 303, sent.text
        found = re.search(r"/materials/(\d+)/remove", browser.get(f"{item}/edit").text)
    assert found, "no material on the item's page"
    return found.group(1)


def _webhook(world: World, witness: Witness, cookie: str) -> str:
    """A webhook endpoint of ORG's, added in the console; its id, as its page's address says."""
    with witness.client(world.url("events"), cookies={"convegni_session": cookie}) as browser:
        csrf = re.search(
            r'name="csrf" value="([^"]+)"', browser.get(f"/console/{ORG}/webhooks").text
        )
        assert csrf, "no CSRF field on the webhooks page"
        endpoint = {"url": "https://crm.comune-test.it/webhook", "kinds": ["event.published"]}
        sent = browser.post(f"/console/{ORG}/webhooks", data={"csrf": csrf.group(1), **endpoint})
    assert sent.status_code == 303, sent.text
    return sent.headers["location"].split("?")[0].rsplit("/", 1)[1]


def build_estate(world: World, witness: Witness) -> Estate:
    ids = {**_organizer_things(world, witness), **_person(world, witness)}
    ids |= _certificate(world, witness, ids["registration_id"])
    console = _console_cookie(world, witness)
    ids["account_id"] = _member_id(world, witness, console)
    ids["material_id"] = _material(world, witness, console, ids)
    ids["endpoint_id"] = _webhook(world, witness, console)
    return Estate(world, ids, console, _staff_cookie(world, witness))
