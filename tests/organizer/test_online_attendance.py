"""Online attendance from the video platform's report: a person's rows added up and counted
against the programme like time at the door, people not registered named and not counted, a
report with a row that cannot be read refused with its number and nothing recorded; the
console takes the same file."""

import uuid

import pytest

from tests.console.browserless import csrf_on
from tests.organizer.test_attendance_report import add_scan, event_day, morning_and_afternoon
from tests.organizer.test_certificates import SETTINGS

pytestmark = pytest.mark.e2e


def report(conference, text: str):
    return conference.client.post(
        f"{conference.api}/attendance/online",
        content=text.encode(),
        headers={**conference.staff, "Content-Type": "text/csv"},
    )


def minutes(conference) -> dict[str, int]:
    found = conference.client.get(f"{conference.api}/attendance", headers=conference.staff)
    return {person["name"]: person["attended_minutes"] for person in found.json()["people"]}


def test_the_platforms_report_counts_online_minutes_and_certificates_follow(published):
    day = event_day()
    conference = published(**morning_and_afternoon(day))
    anna = f"anna-{uuid.uuid4().hex[:6]}@comune-test.it"
    conference.register("Anna", email=anna)
    bruno = conference.register("Bruno")
    add_scan(conference, bruno["id"], day, "08:50", False)
    add_scan(conference, bruno["id"], day, "16:00", True)

    broken = report(conference, f"email,minuti\n{anna},120\n{anna},tanti\n")
    after_broken = minutes(conference)
    recorded = report(
        conference,
        "Name,User Email,Duration (Minutes)\n"
        f"Anna Rossi,{anna.upper()},120\n"
        "Ospite,ospite@altrove.it,200\n"
        f"Anna Rossi,{anna},95\n",
    )
    counted = minutes(conference)
    conference.client.put(
        f"{conference.api}/certificates/settings", json=SETTINGS, headers=conference.staff
    )
    closed = conference.client.post(f"{conference.api}/attendance/close", headers=conference.staff)
    late = report(conference, f"email,minuti\n{anna},240\n")

    assert broken.status_code == 422
    assert "row 3: 'tanti' is not a number of minutes" in broken.json()["detail"]
    assert after_broken["Anna Rossi"] == 0
    assert recorded.status_code == 200, recorded.text
    assert recorded.json() == {"people": 1, "not_registered": ["ospite@altrove.it"]}
    assert counted == {"Anna Rossi": 215, "Bruno Rossi": 240}
    assert closed.json() == {"certificates_issued": 2}  # 215 of 240 is 89%
    assert late.status_code == 409


def test_the_console_takes_the_report_and_says_what_it_counted(desk):
    desk.enter()
    page_url = f"{desk.page}/certificates"
    page = desk.browser.get(page_url)

    nothing = desk.browser.post(f"{page_url}/online", data={"csrf": csrf_on(page.text)})
    sent = desk.browser.post(
        f"{page_url}/online",
        data={"csrf": csrf_on(page.text)},
        files={"report": ("zoom.csv", b"email;minuti\nospite@altrove.it;30\n", "text/csv")},
    )

    assert nothing.status_code == 422 and "Scegli il file CSV" in nothing.text
    assert sent.status_code == 200
    assert "Minuti online registrati per 0 persone iscritte." in sent.text
    assert "ospite@altrove.it" in sent.text
