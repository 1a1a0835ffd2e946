"""Colleagues: an owner invites a person by email with a role; the emailed link makes them a
member; door staff checks people in and is refused everything else, here and on the
registrations pages; roles change and members leave at once; the audit log tells each step."""

import html
import re
import sqlite3
import uuid
from email.message import EmailMessage

import httpx
import pytest

from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.console.browserless import Console, Member, Organization, new_member
from tests.console.payloads import created, small_event
from tests.support.system import wait_until_registrable

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "una-password-per-la-porta"
ROLE_REFUSED = "Il tuo ruolo (addetto all'accoglienza) non permette"


def invitation_to(stack: Stack, address: str) -> EmailMessage:
    """The invitation emailed to `address`, read from the SMTP sink."""

    def arrived() -> EmailMessage | None:
        mails = read_messages(stack.maildir)
        return next((m for m in mails if address in str(m["To"])), None)

    found: EmailMessage = wait_until(arrived, timeout=90, what=f"the invitation to {address}")
    return found


def link_in(mail: EmailMessage) -> str:
    text = mail.get_body(preferencelist=("plain",))
    assert text is not None
    found = re.search(r"https?://\S+/console/invitations/\S+", text.get_content())
    assert found, text.get_content()
    return found.group(0)


def invite(owner: Console, org: Organization, address: str, role: str) -> httpx.Response:
    page = f"/console/{org.slug}/colleagues"
    return owner.submit(page, f"{page}/invite", email=address, role=role)


def accept_as_new(stack: Stack, link: str, name: str) -> httpx.Client:
    """Follow the emailed link in a new browser and choose a name and a password."""
    browser = httpx.Client(base_url=stack.url("events"), timeout=30)
    path = link.split("://", 1)[1].split("/", 1)[1]
    opened = browser.get(f"/{path}")
    assert opened.status_code == 200, opened.text
    answer = browser.post(f"/{path}", data={"name": name, "password": NEW_PASSWORD})
    assert answer.status_code == 303, answer.text
    return browser


def account_id(page: str, address: str) -> str:
    """The member's id, from the form changing their role on the colleagues page."""
    row = page.split(address, 1)[1]
    found = re.search(r"/colleagues/(\d+)/role", row)
    assert found, "no role form for the member"
    return found.group(1)


@pytest.fixture
def owner(stack, organization, browsers) -> tuple[Console, Member]:
    console = browsers()
    member = new_member(stack, organization, "owner")
    assert console.log_in(member).status_code == 303
    return console, member


@pytest.fixture
def door_event(stack, organization, owner) -> dict[str, str]:
    """A published event of the organization with one confirmed person."""
    console, _ = owner
    event = created(stack, organization.slug, small_event(organization.slug))
    overview = f"/console/{organization.slug}/events/{event['id']}"
    published = console.post(f"{overview}/publish", {"csrf": console.csrf()})
    assert published.status_code == 303, published.text
    wait_until_registrable(stack, event["slug"])
    body = {
        "first_name": "Maria",
        "last_name": "Porta",
        "email": f"{uuid.uuid4().hex[:10]}@comune-test.it",
        "privacy_consent": True,
    }
    registered = httpx.post(
        f"{stack.url('registrations')}/api/events/{event['slug']}/registrations", json=body
    )
    assert registered.status_code == 201, registered.text
    return {"id": event["id"], "slug": event["slug"], "registration": registered.json()["id"]}


def test_door_staff_invited_checks_in_and_is_refused_the_rest(
    stack, organization, owner, door_event
):
    console, _ = owner
    org = organization.slug
    address = f"porta-{uuid.uuid4().hex[:8]}@comune.example.it"

    invited = invite(console, organization, address, "door")
    mail = invitation_to(stack, address)
    door = accept_as_new(stack, link_in(mail), "Paola Porta")
    events_list = door.get(f"/console/{org}/events")
    overview = door.get(f"/console/{org}/events/{door_event['id']}")
    edit = door.get(f"/console/{org}/events/{door_event['id']}/edit")
    colleagues = door.get(f"/console/{org}/colleagues")
    handed = door.get(f"/console/{org}/events/{door_event['id']}/checkin")
    desk = httpx.Client(timeout=30)
    entered = desk.get(handed.headers["location"])
    checkin_url = f"{stack.url('registrations')}/organizer/events/{door_event['slug']}/checkin"
    page = desk.get(checkin_url)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    checked = desk.post(
        checkin_url, data={"csrf": csrf.group(1), "registration_id": door_event["registration"]}
    )
    base = f"{stack.url('registrations')}/organizer/events/{door_event['slug']}"
    refused = {
        "list": desk.get(base).status_code,
        "csv": desk.get(f"{base}/registrations.csv").status_code,
        "xlsx": desk.get(f"{base}/registrations.xlsx").status_code,
        "erase": desk.get(f"{base}/registrations/{door_event['registration']}/erase").status_code,
        "erase_post": desk.post(
            f"{base}/registrations/{door_event['registration']}/erase",
            data={"csrf": csrf.group(1)},
        ).status_code,
        "privacy": desk.get(f"{base}/privacy").status_code,
    }

    assert invited.status_code == 303
    assert mail["Subject"] == f"Invito nell'area organizzatori di {organization.name}"
    assert "addetto all'accoglienza" in mail.get_body(("plain",)).get_content()
    assert events_list.status_code == 200
    assert f"/events/{door_event['id']}/checkin" in events_list.text
    assert f'href="/console/{org}/events/{door_event["id"]}"' not in events_list.text
    assert [overview.status_code, edit.status_code, colleagues.status_code] == [403, 403, 403]
    assert ROLE_REFUSED in html.unescape(overview.text)
    assert [entered.status_code, page.status_code, checked.status_code] == [303, 200, 200]
    assert "Maria Porta" in checked.text
    assert refused == dict.fromkeys(refused, 403)
    assert "Il tuo ruolo (addetto all'accoglienza)" in html.unescape(desk.get(base).text)
    desk.close()
    door.close()


def test_role_change_and_removal_count_at_once_and_the_log_tells_each_step(
    stack, organization, owner, door_event
):
    console, owner_member = owner
    org = organization.slug
    address = f"porta-{uuid.uuid4().hex[:8]}@comune.example.it"
    invite(console, organization, address, "door")
    door = accept_as_new(stack, link_in(invitation_to(stack, address)), "Piero Porta")
    handed = door.get(f"/console/{org}/events/{door_event['id']}/checkin")
    desk = httpx.Client(timeout=30)
    desk.get(handed.headers["location"])
    base = f"{stack.url('registrations')}/organizer/events/{door_event['slug']}"
    page = desk.get(f"{base}/checkin")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    desk.post(
        f"{base}/checkin",
        data={"csrf": csrf.group(1), "registration_id": door_event["registration"]},
    )
    colleagues = f"/console/{org}/colleagues"
    member_id = account_id(console.get(colleagues).text, address)

    to_viewer = console.post(
        f"{colleagues}/{member_id}/role", {"csrf": console.csrf(), "role": "viewer"}
    )
    wait_until(lambda: desk.get(base).status_code == 200, timeout=60, what="the viewer's new role")
    removed = console.post(f"{colleagues}/{member_id}/remove", {"csrf": console.csrf()})
    wait_until(
        lambda: desk.get(f"{base}/checkin").status_code == 401,
        timeout=60,
        what="the removal reaching registrations",
    )
    after_removal = door.get(f"/console/{org}/events")
    owner_id = account_id(console.get(colleagues).text, owner_member.email)
    last_owner = console.post(f"{colleagues}/{owner_id}/remove", {"csrf": console.csrf()})
    demoted = console.post(
        f"{colleagues}/{owner_id}/role", {"csrf": console.csrf(), "role": "editor"}
    )

    def log_tells_everything() -> str | None:
        text = html.unescape(console.get(f"/console/{org}/audit").text)
        return text if "ha registrato l'arrivo" in text else None

    log = wait_until(log_tells_everything, timeout=60, what="the check-in in the audit log")
    assert [to_viewer.status_code, removed.status_code] == [303, 303]
    assert after_removal.status_code == 404
    assert [last_owner.status_code, demoted.status_code] == [409, 409]
    assert "unico titolare" in last_owner.text or "only owner" in last_owner.text
    steps = [
        f"ha invitato {address} come addetto all'accoglienza",
        "ha accettato l'invito ed è entrato come addetto all'accoglienza",
        "ha registrato l'arrivo",
        f"ha dato a {address} il ruolo sola lettura",
        f"ha rimosso {address} (sola lettura)",
        "ha pubblicato l'evento",
    ]
    assert [step for step in steps if step not in log] == []
    # newest first: the removal is listed before the invitation
    assert log.index(f"ha rimosso {address}") < log.index(f"ha invitato {address}")
    desk.close()
    door.close()


def test_an_expired_or_used_invitation_link_says_so(stack, organization, owner):
    console, _ = owner
    address = f"scaduto-{uuid.uuid4().hex[:8]}@comune.example.it"
    invite(console, organization, address, "editor")
    link = link_in(invitation_to(stack, address))
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    with sqlite3.connect(stack.config.var_dir / "events.db") as database:
        database.execute(
            "UPDATE invitation SET expires_at = created_at WHERE email = ?",
            (address,),
        )
    browser = httpx.Client(base_url=stack.url("events"), timeout=30)

    opened = browser.get(path)
    tried = browser.post(path, data={"name": "Tardi", "password": NEW_PASSWORD})
    unknown = browser.get("/console/invitations/inv_nonexistent")

    assert [opened.status_code, tried.status_code, unknown.status_code] == [410, 410, 404]
    assert "scaduto" in opened.text or "expired" in opened.text
    assert browser.cookies.get("convegni_session") is None
    browser.close()


def test_colleagues_page_is_for_owners_only(stack, organization, browsers):
    editor = browsers()
    editor.log_in(new_member(stack, organization, "editor"))

    answer = editor.get(f"/console/{organization.slug}/colleagues")
    log = editor.get(f"/console/{organization.slug}/audit")

    assert [answer.status_code, log.status_code] == [403, 403]
    assert "Il tuo ruolo (redazione)" in html.unescape(answer.text)


def test_an_invitation_form_posted_by_another_site_makes_no_account(stack, organization, owner):
    console, _ = owner
    address = f"altrove-{uuid.uuid4().hex[:8]}@comune.example.it"
    invite(console, organization, address, "editor")
    link = link_in(invitation_to(stack, address))
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form = {"name": "Altrove", "password": NEW_PASSWORD}

    with httpx.Client(base_url=stack.url("events"), timeout=30) as browser:
        forged = browser.post(path, data=form, headers={"Origin": "https://x.example"})
        still_open = browser.get(path)

    assert forged.status_code == 403
    assert "convegni_session" not in forged.cookies
    assert still_open.status_code == 200


def test_the_log_pages_fifty_entries_newest_first_and_filters_by_event(stack, organization, owner):
    console, _ = owner
    org = organization.slug
    first = created(stack, org, small_event(f"{org}-a"))
    second = created(stack, org, small_event(f"{org}-b"))
    with sqlite3.connect(stack.config.var_dir / "events.db") as database:
        (org_id,) = database.execute(
            "SELECT id FROM organization WHERE slug = ?", (org,)
        ).fetchone()
        database.executemany(
            "INSERT INTO audit_entry (organization_id, event_id, at, actor, what, subject, details)"
            " VALUES (?, ?, ?, 'storico@comune.it', 'event_edited', ?, '{}')",
            [
                (org_id, second["id"], f"2026-01-01 10:{n:02d}:00.000000", f"Modifica {n:02d}")
                for n in range(60)
            ],
        )

    page_one = html.unescape(console.get(f"/console/{org}/audit").text)
    page_two = html.unescape(console.get(f"/console/{org}/audit?page=2").text)
    only_first = html.unescape(console.get(f"/console/{org}/audit?event={first['id']}").text)

    edits = re.compile(r"Modifica (\d\d)")
    listed = [int(n) for page in (page_one, page_two) for n in edits.findall(page)]
    # Newest first, the drafts' creation (just now) before the 60 older edits, 50 a page.
    assert listed == list(range(59, -1, -1))
    assert page_one.count("<time datetime=") == 50
    assert page_one.index("ha creato l'evento") < page_one.index("Modifica 59")
    assert "Pagina 1 di 2" in page_one and "Pagina 2 di 2" in page_two
    assert edits.findall(only_first) == []
    assert f"ha creato l'evento «Convegno {org}-a»" in only_first


def test_a_door_staff_token_reads_no_event_through_the_api(stack, organization, owner):
    console, _ = owner
    tokens = f"/console/{organization.slug}/tokens"
    made = console.submit(f"{tokens}/new", f"{tokens}/new", name="porta", role="door")
    value = re.search(r"cvg_[A-Za-z0-9_\-]+", made.text)
    assert value, made.text[:500]

    answer = httpx.get(
        f"{stack.url('events')}/api/organizer/events",
        headers={"Authorization": f"Bearer {value.group(0)}"},
    )

    assert answer.status_code == 403
