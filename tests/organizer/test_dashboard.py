"""The dashboards after a scripted run of 200 registrations (through the public API), some
declined, some on the waitlist or offered a freed seat, online and in person, from many
organizations, with accessibility needs, some checked in: every figure on the page (its
tables and its JSON island) equals what the registrations table says, queried here."""

import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from babel.dates import format_date

from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.organizer.conftest import ORG, OTHER, Conference
from tests.support.html import html_problems
from tests.support.tables import json_island, tables

pytestmark = pytest.mark.e2e

STATUSES = {  # as the English page says them, in its order
    "confirmed": "Confirmed",
    "pending": "Awaiting email confirmation",
    "offered": "Seat offered",
    "waitlisted": "Waitlisted",
    "cancelled": "Cancelled",
    "expired": "Expired",
    "lapsed": "Offer lapsed",
}
MODES = {"in_person": "In person", "online": "Online"}
NEEDS = {
    "sign_language": "Sign-language interpreter",
    "wheelchair": "Wheelchair access",
    "hearing_loop": "Hearing loop",
    "other": "Other needs",
}
ACTIVE = "('pending', 'offered', 'confirmed', 'waitlisted')"
TOP = 8


def organization_of(n: int) -> str | None:
    """60 from Crema, 40 from Lodi, 20 from ANCI, 10 without one, 70 from nine villages."""
    kind = n % 20
    if kind < 6:
        return "Comune di Crema"
    if kind < 10:
        return "Comune di Lodi"
    if kind < 12:
        return "ANCI Lombardia"
    if kind == 12:
        return None
    return f"Comune di Paese {n % 9}"


def needs_of(n: int) -> dict[str, Any]:
    needs = []
    if n % 9 == 0:
        needs.append("sign_language")
    if n % 13 == 0:
        needs += ["wheelchair", "hearing_loop"]
    if n % 29 == 0:
        return {"accessibility": [*needs, "other"], "accessibility_other": "Leggio basso"}
    return {"accessibility": needs}


def scripted_run(conference: Conference) -> None:
    """200 registrations; 12 seated people declined (their seats offered to the waitlist),
    3 waitlisted ones declined, 35 people checked in."""
    made = []
    for n in range(200):
        mode = "online" if n % 4 == 0 else "in_person"
        answer = conference.register(
            f"Persona{n}",
            organization=organization_of(n),
            mode=mode,
            accept_waitlist=True,
            **needs_of(n),
        )
        made.append({**answer, "mode": mode})
    seated = [r for r in made if r["status"] == "confirmed" and r["mode"] == "in_person"]
    waiting = [r for r in made if r["status"] == "waitlisted"]
    assert len(seated) > 50 and len(waiting) > 10, Counter(r["status"] for r in made)
    for person in seated[:12] + waiting[-3:]:
        answer = conference.client.post(
            f"{conference.api}/registrations/{person['id']}/decline", headers=conference.staff
        )
        assert answer.status_code == 200, answer.text
    for person in seated[12:47]:
        answer = conference.client.post(
            f"{conference.api}/checkins",
            json={"registration_id": person["id"]},
            headers=conference.staff,
        )
        assert answer.status_code == 201, answer.text


def query(conference: Conference, sql: str, *values: Any) -> list[tuple[Any, ...]]:
    database = conference.stack.config.var_dir / "registrations.db"
    with sqlite3.connect(database) as connection:
        return connection.execute(sql, values).fetchall()


def counted(conference: Conference, sql: str) -> dict[Any, int]:
    """A GROUP BY of the event's registrations: value -> count."""
    return dict(query(conference, sql, conference.id))


def expected_figures(conference: Conference) -> dict[str, list[list[str]]]:
    """Each chart's table rows (label, count), from the registrations table."""
    where = f"event_id = ? AND status IN {ACTIVE}"
    by_status = counted(
        conference, "SELECT status, COUNT(*) FROM registration WHERE event_id = ? GROUP BY status"
    )
    by_mode = counted(
        conference, f"SELECT mode, COUNT(*) FROM registration WHERE {where} GROUP BY mode"
    )
    by_need = counted(
        conference,
        f"SELECT j.value, COUNT(*) FROM registration, json_each(registration.accessibility) j "
        f"WHERE {where} GROUP BY j.value",
    )
    organizations = query(
        conference,
        f"SELECT COALESCE(organization, ''), COUNT(*) AS n FROM registration WHERE {where} "
        "GROUP BY COALESCE(organization, '') ORDER BY n DESC, COALESCE(organization, '')",
        conference.id,
    )
    top = [[name or "No organization given", str(n)] for name, n in organizations[:TOP]]
    rest = organizations[TOP:]
    others = [[f"{len(rest)} other organizations", str(sum(n for _, n in rest))]] if rest else []
    (checked_in,) = query(
        conference,
        "SELECT COUNT(*) FROM registration WHERE event_id = ? AND checked_in_at IS NOT NULL",
        conference.id,
    )[0]
    confirmed_in_room = query(
        conference,
        "SELECT COUNT(*) FROM registration WHERE event_id = ? AND status = 'confirmed' "
        "AND mode = 'in_person' AND checked_in_at IS NULL",
        conference.id,
    )[0][0]
    online = query(
        conference,
        "SELECT COUNT(*) FROM registration WHERE event_id = ? AND status = 'confirmed' "
        "AND mode = 'online'",
        conference.id,
    )[0][0]
    return {
        "status": [[label, str(by_status.get(s, 0))] for s, label in STATUSES.items()],
        "mode": [[label, str(by_mode.get(m, 0))] for m, label in MODES.items()],
        "organization": top + others,
        "needs": [[label, str(by_need.get(n, 0))] for n, label in NEEDS.items()],
        "attendance": [
            ["Checked in", str(checked_in)],
            ["Expected in the room, not yet arrived", str(confirmed_in_room)],
            ["Confirmed online", str(online)],
        ],
    }


def days_of(conference: Conference) -> Counter[str]:
    """Registrations per Rome day, from the stored creation times."""
    rows = query(
        conference, "SELECT created_at FROM registration WHERE event_id = ?", conference.id
    )
    rome = ZoneInfo("Europe/Rome")
    return Counter(
        datetime.fromisoformat(created).replace(tzinfo=UTC).astimezone(rome).date().isoformat()
        for (created,) in rows
    )


def test_every_figure_of_the_event_dashboard_equals_the_registrations_table(published):
    conference = published(attendance_mode="hybrid", capacity=110, online_capacity=45)
    scripted_run(conference)
    browser = conference.enter(role="viewer")

    page = browser.get(f"{conference.page}/dashboard", params={"lang": "en"})

    assert page.status_code == 200, page.text
    assert (problems := html_problems(page.text)) == [], "\n".join(problems)
    found = tables(page.text)
    island = {chart["id"]: chart for chart in json_island(page.text, "dashboard-data")["charts"]}
    for name, rows in expected_figures(conference).items():
        assert found[name]["rows"][1:] == rows, name  # after the header row
        assert island[name]["series"][0]["values"] == [int(n) for _, n in rows], name
    days = days_of(conference)
    day_rows = found["time"]["rows"][1:]
    per_day = [days[day] for day in sorted(days)]
    assert [int(row[1]) for row in day_rows] == per_day
    assert [int(row[2]) for row in day_rows][-1] == 200
    assert day_rows[0][0] == format_date(datetime.fromisoformat(min(days)), "medium", locale="en")
    assert island["time"]["series"][0]["values"] == per_day
    (total,) = query(
        conference, "SELECT COUNT(*) FROM registration WHERE event_id = ?", conference.id
    )[0]
    assert total == 200
    assert f'data-figure="received">{total}<' in page.text


def test_each_chart_has_its_table_and_a_described_canvas(published):
    conference = published()
    conference.register(organization="Comune di Crema", accessibility=["wheelchair"])
    browser = conference.enter(role="viewer")

    page = browser.get(f"{conference.page}/dashboard").text

    charts = json_island(page, "dashboard-data")["charts"]
    found = tables(page)
    assert [c["id"] for c in charts] == [
        "time",
        "status",
        "mode",
        "organization",
        "needs",
        "attendance",
    ]
    for chart in charts:
        assert found[chart["id"]]["caption"] == chart["title"]
        assert f'<canvas role="img" aria-label="{chart["title"]}: ' in page
    assert "Dati del grafico" in page
    assert '<script src="/static/charts/chart.umd.min.js" defer></script>' in page


def test_the_organization_dashboard_sums_its_events(published):
    first = published()
    second = published()
    for conference, n in ((first, 3), (second, 2)):
        for i in range(n):
            conference.register(f"Persona{i}", organization="Comune di Lodi")
    browser = first.enter(role="viewer")

    page = browser.get("/organizer/dashboard", params={"lang": "en"})

    assert page.status_code == 200, page.text
    assert (problems := html_problems(page.text)) == [], "\n".join(problems)
    events = tables(page.text)["events"]
    totals = events["named"]["totals"]
    (received, confirmed) = query(
        first,
        "SELECT COUNT(*), SUM(registration.status = 'confirmed') FROM registration JOIN event_copy "
        "USING (event_id) WHERE event_copy.organization_slug = ?",
        ORG,
    )[0]
    assert totals[0] == "Total"
    assert (totals[2], totals[3]) == (str(received), str(confirmed))
    (events_of_org,) = query(  # its drafts take no registrations: not on the dashboard
        first,
        "SELECT COUNT(*) FROM event_copy WHERE organization_slug = ? AND status != 'draft'",
        ORG,
    )[0]
    assert len(events["rows"]) == 1 + events_of_org + 1  # header, events, totals
    for conference, n in ((first, 3), (second, 2)):
        row = events["named"][conference.slug]
        assert (row[2], row[3]) == (str(n), str(n)), row
    island = json_island(page.text, "dashboard-data")
    assert sum(island["charts"][0]["series"][0]["values"]) == received


def test_the_dashboards_need_the_console_and_show_only_the_organization_s_own(published):
    conference = published()
    conference.register(organization="Comune di Crema")
    stranger = httpx.Client(base_url=conference.stack.url("registrations"))
    other = conference.browser()
    handed = make_pass(
        {"org": OTHER, "role": "owner", "actor": "altro@comune-test.it"},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )
    other.get("/organizer/enter", params={"pass": handed, "next": "/organizer/dashboard"})

    assert stranger.get(f"{conference.page}/dashboard").status_code == 401
    assert stranger.get("/organizer/dashboard").status_code == 401
    assert other.get(f"{conference.page}/dashboard").status_code == 404
    theirs = other.get("/organizer/dashboard")
    assert theirs.status_code == 200
    assert conference.slug not in theirs.text and "Comune di Crema" not in theirs.text
