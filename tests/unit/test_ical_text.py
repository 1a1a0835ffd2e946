"""Public calendar files written as text read the same as icalendar's, with two parsers."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.ical import build_vevent, serialize_calendar
from shared.ical_text import PublicEntry, entry_of, event_uid, fold, publish_calendar
from tests.support.calendars import read_with_icalendar, read_with_vobject

pytestmark = pytest.mark.unit

DOMAIN = "convegni.example.it"
ORGANIZER_EMAIL = f"noreply@{DOMAIN}"
NOW = datetime(2026, 11, 2, 10, 15, 30, tzinfo=UTC)
AWKWARD = "Welfare; sub-ambiti, comuni \\ province\nseconda riga – perché? 🏛️ " * 3


def both(snapshots, *, name=None, cancelled=False, renewal=0) -> tuple[bytes, bytes]:
    """The same calendar written by ical_text and by icalendar."""
    uids = [event_uid(s.id, DOMAIN) for s in snapshots]
    as_text = publish_calendar(
        [
            PublicEntry(
                entry=entry_of(s, cancelled=cancelled, renewal=renewal),
                uid=uid,
                now=NOW,
                organizer_email=ORGANIZER_EMAIL,
            )
            for s, uid in zip(snapshots, uids, strict=True)
        ],
        name=name,
    )
    vevents = [
        build_vevent(
            s,
            uid=uid,
            now=NOW,
            organizer_email=ORGANIZER_EMAIL,
            cancelled=cancelled,
            renewal=renewal,
        )
        for s, uid in zip(snapshots, uids, strict=True)
    ]
    return as_text, serialize_calendar("PUBLISH", vevents, name=name)


def variants(make_snapshot):
    """Timed, all-day, awkward text, other zones, and events years apart."""
    later = datetime(2029, 6, 30, 16, 0, tzinfo=UTC)
    return {
        "timed": [make_snapshot()],
        "all-day": [make_snapshot(times_announced=False)],
        "awkward text": [
            make_snapshot(title=AWKWARD, subtitle=AWKWARD, organizer={"slug": "o", "name": AWKWARD})
        ],
        "new york": [make_snapshot(timezone="America/New_York")],
        "utc": [make_snapshot(timezone="UTC")],
        "years apart": [
            make_snapshot(),
            make_snapshot(id="b", starts_at=later, ends_at=later + timedelta(hours=2)),
            make_snapshot(id="c", timezone="America/Sao_Paulo", times_announced=False),
        ],
    }


CASES = ["timed", "all-day", "awkward text", "new york", "utc", "years apart"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", [None, "Area Omogenea Cremasca · Convegni"])
def test_publish_calendar_reads_as_icalendars_with_icalendar(make_snapshot, case, name):
    snapshots = variants(make_snapshot)[case]

    as_text, as_icalendar = both(snapshots, name=name)

    assert read_with_icalendar(as_text) == read_with_icalendar(as_icalendar)


@pytest.mark.parametrize("case", CASES)
def test_publish_calendar_reads_as_icalendars_with_vobject(make_snapshot, case):
    snapshots = variants(make_snapshot)[case]

    as_text, as_icalendar = both(snapshots, name="Feed")

    assert read_with_vobject(as_text) == read_with_vobject(as_icalendar)


@pytest.mark.parametrize(("cancelled", "renewal"), [(True, 0), (False, 2), (True, 3)])
def test_publish_calendar_withdrawn_and_renewed_entries_read_as_icalendars(
    make_snapshot, cancelled, renewal
):
    snapshots = [make_snapshot()]

    as_text, as_icalendar = both(snapshots, cancelled=cancelled, renewal=renewal)

    assert read_with_icalendar(as_text) == read_with_icalendar(as_icalendar)


def test_publish_calendar_lines_end_in_crlf_and_fit_75_octets(make_snapshot):
    as_text, _ = both([make_snapshot(title=AWKWARD)])

    lines = as_text.split(b"\r\n")

    assert (lines[-1], [line for line in lines if b"\n" in line or len(line) > 75]) == (b"", [])


def test_fold_never_splits_a_utf8_character():
    line = "SUMMARY:" + "è" * 40 + "🏛️" * 20

    pieces = [p.removeprefix(" ").encode() for p in fold(line).split("\r\n")]

    assert "".join(p.decode() for p in pieces) == line
