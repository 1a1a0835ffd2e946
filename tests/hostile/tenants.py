"""Two organizations on one system: the estate of the first (ORG), with both of its events, a
draft and a published one, each with a question on its form; and the second (OTHER) with
every credential a member of it holds: its API token, an owner's console login and the
registrations cookie the console's pass gives them. And the rows of the databases, read
from their files, to tell whether a request wrote anything."""

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.console.browserless import PASSWORD, Organization, csrf_on, new_member
from tests.console.payloads import small_event
from tests.hostile.conftest import OTHER, Witness, World, wait_for_token
from tests.hostile.estate import Estate
from tests.support.system import organizer_headers, publish, wait_until_registrable

QUESTION = {"kind": "short_text", "label_it": "Comune", "label_en": "Town", "required": False}
TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"
# The relay marks a row sent when the bus has it, after the request that wrote it.
MOVING = {("outbox", "published_at")}
# What each service's consumers take from the other's outbox (the rest they never store).
CONSUMED = {
    "events": ("registrations.availability.", "registrations.audit."),
    "registrations": ("events.event.", "events.draft.", "events.token.", "events.membership."),
}


@dataclass(frozen=True)
class Credentials:
    """What a member of OTHER holds: its token, an owner's console login and the
    registrations cookie of the console's pass, with each login's CSRF value."""

    email: str  # the owner's
    token: dict[str, str]
    console_cookie: str
    console_csrf: str
    staff_cookie: str
    staff_csrf: str


def console_login(world: World, witness: Witness, email: str) -> tuple[str, str]:
    """A new console session of the member `email`: its cookie and its CSRF value."""
    with witness.client(world.url("events")) as browser:
        answer = browser.post("/console/login", data={"email": email, "password": PASSWORD})
        assert answer.status_code == 303, answer.text[:300]
        cookie = browser.cookies["convegni_session"]
        csrf = csrf_on(browser.get("/console/", follow_redirects=True).text)
    witness.keep(cookie)
    return cookie, csrf


def other_organization(world: World, witness: Witness) -> Credentials:
    """OTHER's token (once registrations knows it), a published event of its own (names of
    its own, none of ORG's), and an owner's logins on both services, the registrations one
    through the console's own hop, as a browser gets it."""
    token = organizer_headers(world.stack, OTHER)
    witness.keep(token["Authorization"].removeprefix("Bearer "))
    wait_until_registrable(world.stack, publish(world.stack, small_event("proprio"), OTHER)["slug"])
    wait_for_token(world.stack, world.slug, token, 404)  # known, and ORG's event not found
    owner = new_member(world.stack, Organization(OTHER, OTHER), "owner")
    console, console_csrf = console_login(world, witness, owner.email)
    with witness.client(world.url("events"), cookies={"convegni_session": console}) as browser:
        hop = browser.get(f"/console/{OTHER}/dashboard").headers["location"]
    with witness.client(world.url("registrations")) as browser:
        entered = browser.get(urlsplit(hop)._replace(scheme="", netloc="").geturl())
        assert entered.status_code == 303, entered.text[:300]
        staff = browser.cookies["convegni_staff"]
        staff_csrf = csrf_on(browser.get("/organizer/privacy").text)
    witness.keep(staff)
    return Credentials(owner.email, token, console, console_csrf, staff, staff_csrf)


@dataclass(frozen=True)
class Targets:
    """ORG's estate; `events` holds, for the draft and the published event, the ids that
    differ between them (event_id, slug, item_id, question_id)."""

    estate: Estate
    events: dict[str, dict[str, str]]
    markers: frozenset[str]  # strings that are ORG's alone: shown to OTHER, a leak

    def ids(self, which: str) -> dict[str, str]:
        return {**self.estate.ids, "delivery_id": "1", **self.events[which]}


def _markers(estate: Estate, events: dict[str, dict[str, str]]) -> frozenset[str]:
    """ORG's own names: its slug, people (members and the registered person), directories,
    token, and its events' addresses and ids (but numbers, which any page may show)."""
    ids = estate.ids
    with closing(_database(estate.world.stack, "events")) as database:
        members = database.execute(
            "SELECT email FROM account JOIN membership ON membership.account_id = account.id "
            "JOIN organization ON organization.id = membership.organization_id "
            "WHERE organization.slug = ?",
            (ids["org"],),
        )
        emails = [email for (email,) in members]
    found = {
        ids["org"],
        ids["registration_id"],
        ids["token_value"],
        *emails,
        str(estate.registration()["email"]),
        "Gianni Rossoni",  # ORG's speaker directory
        "Teatro San Domenico",  # ORG's venues
        *(value for event in events.values() for value in event.values()),
    }
    return frozenset(marker for marker in found if not marker.isdigit())


def _with_a_question(witness: Witness, world: World, slug: str) -> str:
    """Put a question on the event's form as ORG (once registrations knows the event)."""
    form = f"/api/organizer/events/{slug}/form"
    with witness.client(world.url("registrations"), headers=world.organizer) as api:
        saved = wait_until(
            lambda: (
                (answer := api.put(form, json={"questions": [QUESTION]})).status_code == 200
                and answer.json()
            ),
            timeout=60,
            what=f"a question on {slug}'s form",
        )
    return str(saved["questions"][0]["id"])


def _event(witness: Witness, world: World, event_id: str) -> dict[str, str]:
    with witness.client(world.url("events"), headers=world.organizer) as api:
        slug = api.get(f"/api/organizer/events/{event_id}").json()["slug"]
        item = api.get(f"/api/organizer/events/{event_id}/input").json()["programme"][0]
    question = _with_a_question(witness, world, slug)
    return {"event_id": event_id, "slug": slug, "item_id": str(item["id"]), "question_id": question}


def org_targets(estate: Estate, witness: Witness) -> Targets:
    world = estate.world
    events = {
        "published": _event(witness, world, world.event_id),
        "draft": _event(witness, world, estate.ids["event_id"]),
    }
    return Targets(estate, events, _markers(estate, events))


def _database(stack: Stack, service: str) -> sqlite3.Connection:
    path = stack.config.var_dir / f"{service}.db"
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _outbox(database: sqlite3.Connection) -> list[tuple[str, str, Any]]:
    return list(database.execute("SELECT message_id, subject, published_at FROM outbox"))


def settled(stack: Stack) -> bool:
    """Every outbox row sent, and each consumed by the other service: nothing is on the way."""
    with closing(_database(stack, "events")) as events:
        with closing(_database(stack, "registrations")) as registrations:
            outboxes = {"events": _outbox(events), "registrations": _outbox(registrations)}
            heard = {
                "events": {id for (id,) in events.execute("SELECT message_id FROM inbox")},
                "registrations": {
                    id for (id,) in registrations.execute("SELECT message_id FROM inbox")
                },
            }
    if any(sent is None for outbox in outboxes.values() for _, _, sent in outbox):
        return False
    sent_to = {"events": outboxes["registrations"], "registrations": outboxes["events"]}
    return all(
        id in heard[service]
        for service, outbox in sent_to.items()
        for id, subject, _ in outbox
        if subject.startswith(CONSUMED[service])
    )


def rows(stack: Stack) -> dict[str, list[str]]:
    """Every row of the events and registrations databases, once nothing is on the way, by
    'service.table'; the relay's mark aside."""
    wait_until(lambda: settled(stack), timeout=60, what="the bus delivering what was sent")
    found = {}
    for service in ("events", "registrations"):
        with closing(_database(stack, service)) as database:
            for (table,) in database.execute(TABLES).fetchall():
                columns = [
                    f'"{name}"'
                    for _, name, *_ in database.execute(f'PRAGMA table_info("{table}")')
                    if (table, name) not in MOVING
                ]
                selected = database.execute(f'SELECT {", ".join(columns)} FROM "{table}"')
                found[f"{service}.{table}"] = sorted(map(repr, selected))
    return found


def changed(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    """The tables whose rows differ."""
    return sorted(
        table for table in before.keys() | after.keys() if before.get(table) != after.get(table)
    )
