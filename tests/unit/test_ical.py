"""Invites built by shared.ical and read back as a calendar client would."""

from datetime import UTC, datetime, timedelta

import pytest
import vobject
from icalendar import Calendar

from shared.ical import (
    INVITE_ALARM,
    PRODID,
    Attendee,
    build_vevent,
    event_uid,
    invite_sequence,
    invite_uid,
    serialize_calendar,
)

pytestmark = pytest.mark.unit

DOMAIN = "convegni.example.it"
ORGANIZER_EMAIL = "segreteria@areaomogenea.example.it"
NOW = datetime(2026, 11, 2, 10, 15, 30, tzinfo=UTC)
MARIA = Attendee(email="maria.rossi@comune.crema.cr.it", name="Maria Rossi")
EVENT_ID = "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f"
OTHER_EVENT_ID = "0a9e2d41-7d2b-4c7a-8f00-6b5a4c3d2e1f"


def invite(snapshot, *, attendee=MARIA, cancelled=False, method="REQUEST") -> Calendar:
    """Build, serialize and parse back one invite."""
    vevent = build_vevent(
        snapshot,
        uid=invite_uid(snapshot.id, attendee.email, DOMAIN),
        now=NOW,
        organizer_email=ORGANIZER_EMAIL,
        attendee=attendee,
        cancelled=cancelled,
    )
    return Calendar.from_ical(serialize_calendar(method, [vevent]))


def only_event(calendar: Calendar):
    (vevent,) = calendar.walk("VEVENT")
    return vevent


def test_serialize_calendar_request_has_method_request(make_snapshot):
    snapshot = make_snapshot()

    calendar = invite(snapshot)

    assert str(calendar["METHOD"]) == "REQUEST"


def test_serialize_calendar_has_prodid_and_version(make_snapshot):
    snapshot = make_snapshot()

    calendar = invite(snapshot)

    assert (str(calendar["PRODID"]), str(calendar["VERSION"])) == (PRODID, "2.0")


def test_serialize_calendar_holds_exactly_one_event(make_snapshot):
    snapshot = make_snapshot()

    calendar = invite(snapshot)

    assert len(calendar.walk("VEVENT")) == 1


def test_invite_uid_same_for_case_and_whitespace_variants_of_the_address():
    spellings = [
        "maria.rossi@comune.crema.cr.it",
        "  Maria.Rossi@Comune.Crema.CR.IT ",
        "MARIA.ROSSI@COMUNE.CREMA.CR.IT\n",
    ]

    uids = {invite_uid(EVENT_ID, address, DOMAIN) for address in spellings}

    assert len(uids) == 1


def test_invite_uid_ends_with_the_domain():
    address = MARIA.email

    uid = invite_uid(EVENT_ID, address, DOMAIN)

    assert uid.endswith(f"@{DOMAIN}")


def test_invite_uid_differs_for_another_attendee():
    address, other = MARIA.email, "luca.verdi@comune.crema.cr.it"

    uids = (invite_uid(EVENT_ID, address, DOMAIN), invite_uid(EVENT_ID, other, DOMAIN))

    assert uids[0] != uids[1]


def test_invite_uid_differs_for_another_event():
    address = MARIA.email

    uids = (invite_uid(EVENT_ID, address, DOMAIN), invite_uid(OTHER_EVENT_ID, address, DOMAIN))

    assert uids[0] != uids[1]


def test_invite_uid_in_calendar_stable_across_revisions_and_address_spelling(make_snapshot):
    first = make_snapshot(revision=1, calendar_sequence=0)
    later = make_snapshot(revision=5, calendar_sequence=2, title="Titolo nuovo")
    shouting = Attendee(email="  MARIA.ROSSI@Comune.Crema.CR.IT ", name="Maria Rossi")

    uids = (
        str(only_event(invite(first))["UID"]),
        str(only_event(invite(later, attendee=shouting))["UID"]),
    )

    assert uids == (invite_uid(EVENT_ID, MARIA.email, DOMAIN),) * 2


def test_event_uid_is_event_id_at_domain():
    event_id = EVENT_ID

    uid = event_uid(event_id, DOMAIN)

    assert uid == f"{EVENT_ID}@{DOMAIN}"


def test_build_vevent_sequence_is_calendar_sequence(make_snapshot):
    snapshot = make_snapshot(calendar_sequence=4)

    vevent = only_event(invite(snapshot))

    assert vevent.decoded("SEQUENCE") == 4


def test_build_vevent_not_cancelled_is_confirmed(make_snapshot):
    snapshot = make_snapshot()

    vevent = only_event(invite(snapshot))

    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_build_vevent_cancelled_bumps_sequence_and_is_cancelled(make_snapshot):
    snapshot = make_snapshot(calendar_sequence=4)

    vevent = only_event(invite(snapshot, cancelled=True))

    assert (vevent.decoded("SEQUENCE"), str(vevent["STATUS"])) == (5, "CANCELLED")


def test_build_vevent_of_a_later_round_counts_two_per_round(make_snapshot):
    snapshot = make_snapshot(calendar_sequence=4)
    vevents = [
        build_vevent(snapshot, uid="u", now=NOW, organizer_email=ORGANIZER_EMAIL, **given)
        for given in ({"renewal": 2}, {"renewal": 2, "cancelled": True})
    ]

    assert [v.decoded("SEQUENCE") for v in vevents] == [8, 9]


# (event's calendar_sequence, round, withdrawn) of each message a person gets, in order:
# invited, the event moves, cancelled, the event moves twice, registered again, cancelled,
# registered again.
LIFE = [
    (0, 0, False),
    (1, 0, False),
    (1, 0, True),
    (3, 1, False),
    (3, 1, True),
    (3, 2, False),
]


def test_invite_sequence_grows_over_a_life_of_cancelling_and_registering_again():
    sequences = [invite_sequence(c, renewal=r, withdrawn=w) for c, r, w in LIFE]

    assert sequences == sorted(set(sequences))


def test_build_vevent_has_dtstamp_of_now(make_snapshot):
    snapshot = make_snapshot()

    vevent = only_event(invite(snapshot))

    assert vevent.decoded("DTSTAMP") == NOW


def test_build_vevent_organizer_is_mailto_with_organization_name(make_snapshot):
    snapshot = make_snapshot()

    organizer = only_event(invite(snapshot))["ORGANIZER"]

    assert (str(organizer), str(organizer.params["CN"])) == (
        f"mailto:{ORGANIZER_EMAIL}",
        "Area Omogenea Cremasca",
    )


def test_build_vevent_attendee_is_mailto_with_name_and_accepted(make_snapshot):
    snapshot = make_snapshot()

    attendee = only_event(invite(snapshot))["ATTENDEE"]

    assert (str(attendee), str(attendee.params["CN"]), str(attendee.params["PARTSTAT"])) == (
        f"mailto:{MARIA.email}",
        "Maria Rossi",
        "ACCEPTED",
    )


def test_build_vevent_cancelled_attendee_is_declined(make_snapshot):
    snapshot = make_snapshot()

    attendee = only_event(invite(snapshot, cancelled=True))["ATTENDEE"]

    assert str(attendee.params["PARTSTAT"]) == "DECLINED"


def test_build_vevent_without_attendee_has_no_attendee_property(make_snapshot):
    snapshot = make_snapshot()
    vevent = build_vevent(
        snapshot, uid=event_uid(snapshot.id, DOMAIN), now=NOW, organizer_email=ORGANIZER_EMAIL
    )

    parsed = only_event(Calendar.from_ical(serialize_calendar("PUBLISH", [vevent])))

    assert parsed.get("ATTENDEE") is None


def test_build_vevent_times_carry_tzid_europe_rome(make_snapshot):
    snapshot = make_snapshot()

    vevent = only_event(invite(snapshot))

    assert (vevent["DTSTART"].params["TZID"], vevent["DTEND"].params["TZID"]) == (
        "Europe/Rome",
        "Europe/Rome",
    )


def test_build_vevent_winter_times_are_the_event_instants_on_cet_clock(make_snapshot):
    snapshot = make_snapshot()

    vevent = only_event(invite(snapshot))

    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert (start, end, start.hour, end.hour, start.utcoffset()) == (
        snapshot.starts_at,
        snapshot.ends_at,
        9,
        13,
        timedelta(hours=1),
    )


def test_build_vevent_summer_times_are_the_event_instants_on_cest_clock(make_snapshot):
    snapshot = make_snapshot(
        starts_at=datetime(2026, 7, 15, 7, 0, tzinfo=UTC),
        ends_at=datetime(2026, 7, 15, 11, 0, tzinfo=UTC),
        programme=(),
    )

    vevent = only_event(invite(snapshot))

    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert (start, end, start.hour, end.hour, start.utcoffset()) == (
        snapshot.starts_at,
        snapshot.ends_at,
        9,
        13,
        timedelta(hours=2),
    )


def test_build_vevent_dtstart_is_written_as_rome_local_time(make_snapshot):
    snapshot = make_snapshot()
    vevent = build_vevent(snapshot, uid="x@" + DOMAIN, now=NOW, organizer_email=ORGANIZER_EMAIL)

    raw = serialize_calendar("REQUEST", [vevent])

    event_lines = raw.split(b"BEGIN:VEVENT", 1)[1].splitlines()
    assert [line for line in event_lines if line.startswith((b"DTSTART", b"DTEND"))] == [
        b"DTSTART;TZID=Europe/Rome:20261130T090000",
        b"DTEND;TZID=Europe/Rome:20261130T130000",
    ]


def test_serialize_calendar_includes_vtimezone_for_europe_rome(make_snapshot):
    snapshot = make_snapshot()

    calendar = invite(snapshot)

    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]


def test_build_vevent_summary_is_the_title(make_snapshot):
    snapshot = make_snapshot(title="Welfare locale; territorio, comuni: l'Area")

    vevent = only_event(invite(snapshot))

    assert str(vevent["SUMMARY"]) == "Welfare locale; territorio, comuni: l'Area"


def test_build_vevent_location_is_the_venue_on_one_line(make_snapshot):
    snapshot = make_snapshot()

    vevent = only_event(invite(snapshot))

    assert str(vevent["LOCATION"]) == (
        "Sala Pietro da Cemmo, Centro Culturale Sant'Agostino, Piazza Terni de' Gregorj 5, Crema"
    )


def test_build_vevent_url_is_the_event_page(make_snapshot):
    snapshot = make_snapshot()

    vevent = only_event(invite(snapshot))

    assert str(vevent["URL"]) == snapshot.page_url


def test_build_vevent_description_has_subtitle_organizer_page_and_outline(make_snapshot):
    snapshot = make_snapshot()

    vevent = only_event(invite(snapshot))

    assert str(vevent["DESCRIPTION"]).splitlines() == [
        "Valorizzare il modello dei Sub Ambiti",
        "Area Omogenea Cremasca",
        snapshot.page_url,
        "",
        "09:00 Introduzione - Giovanni Rossoni",
        "09:30 Prima sessione",
        "  09:30 I sub-ambiti - Anna Bianchi, Luca Verdi",
        "  Dibattito",
        "12:30 Conclusioni",
    ]


def test_build_vevent_with_alarm_has_one_display_alarm_before_the_start(make_snapshot):
    snapshot = make_snapshot()
    vevent = build_vevent(
        snapshot, uid="x@" + DOMAIN, now=NOW, organizer_email=ORGANIZER_EMAIL, alarm=INVITE_ALARM
    )

    (alarm,) = only_event(Calendar.from_ical(serialize_calendar("REQUEST", [vevent]))).walk(
        "VALARM"
    )

    assert (str(alarm["ACTION"]), alarm.decoded("TRIGGER"), str(alarm["DESCRIPTION"])) == (
        "DISPLAY",
        -timedelta(hours=1),
        snapshot.title,
    )


def test_build_vevent_without_alarm_has_none(make_snapshot):
    snapshot = make_snapshot()

    vevent = only_event(invite(snapshot))

    assert vevent.walk("VALARM") == []


@pytest.mark.parametrize(
    ("changes", "cancelled"), [({}, True), ({"times_announced": False}, False)]
)
def test_build_vevent_alarm_left_out_when_cancelled_or_all_day(make_snapshot, changes, cancelled):
    snapshot = make_snapshot(**changes)
    vevent = build_vevent(
        snapshot,
        uid="x@" + DOMAIN,
        now=NOW,
        organizer_email=ORGANIZER_EMAIL,
        cancelled=cancelled,
        alarm=INVITE_ALARM,
    )

    assert vevent.walk("VALARM") == []


def test_invite_read_by_vobject_has_method_uid_sequence_status_and_alarm(make_snapshot):
    snapshot = make_snapshot(calendar_sequence=3)
    uid = invite_uid(snapshot.id, MARIA.email, DOMAIN)
    vevent = build_vevent(
        snapshot,
        uid=uid,
        now=NOW,
        organizer_email=ORGANIZER_EMAIL,
        attendee=MARIA,
        alarm=INVITE_ALARM,
    )

    parsed = vobject.readOne(serialize_calendar("REQUEST", [vevent]).decode())

    event = parsed.vevent
    assert (
        parsed.method.value,
        event.uid.value,
        event.sequence.value,
        event.status.value,
        event.valarm.trigger.value,
        parsed.vtimezone.tzid.value,
    ) == ("REQUEST", uid, "3", "CONFIRMED", -timedelta(hours=1), "Europe/Rome")


def test_invite_attendee_does_not_ask_for_replies(make_snapshot):
    snapshot = make_snapshot()

    attendee = only_event(invite(snapshot))["ATTENDEE"]

    assert str(attendee.params["RSVP"]) == "FALSE"
