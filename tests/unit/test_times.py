"""Times as organizers type them (local, maybe naive) and as they are stored (UTC)."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from services.events.domain.times import maybe_utc, to_utc, zone
from shared.errors import Invalid

pytestmark = pytest.mark.unit


def test_to_utc_naive_summer_time_is_read_as_cest_plus_two():
    moment = datetime(2026, 7, 15, 9, 0)

    stored = to_utc(moment, "Europe/Rome")

    assert stored == datetime(2026, 7, 15, 7, 0, tzinfo=UTC)


def test_to_utc_naive_winter_time_is_read_as_cet_plus_one():
    moment = datetime(2026, 11, 30, 9, 0)

    stored = to_utc(moment, "Europe/Rome")

    assert stored == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_to_utc_result_is_labelled_utc():
    moment = datetime(2026, 7, 15, 9, 0)

    stored = to_utc(moment, "Europe/Rome")

    assert stored.utcoffset() == timedelta(0)


def test_to_utc_aware_time_keeps_its_instant():
    moment = datetime(2026, 7, 15, 9, 0, tzinfo=timezone(timedelta(hours=-4)))

    stored = to_utc(moment, "Europe/Rome")

    assert stored == datetime(2026, 7, 15, 13, 0, tzinfo=UTC)


def test_to_utc_naive_time_follows_the_given_timezone():
    moment = datetime(2026, 7, 15, 9, 0)

    stored = to_utc(moment, "America/New_York")

    assert stored == datetime(2026, 7, 15, 13, 0, tzinfo=UTC)


def test_maybe_utc_none_stays_none():
    moment = None

    stored = maybe_utc(moment, "Europe/Rome")

    assert stored is None


def test_maybe_utc_converts_a_naive_time():
    moment = datetime(2026, 2, 24, 9, 30)

    stored = maybe_utc(moment, "Europe/Rome")

    assert stored == datetime(2026, 2, 24, 8, 30, tzinfo=UTC)


def test_zone_known_name_is_the_iana_zone():
    name = "Europe/Rome"

    found = zone(name)

    assert found == ZoneInfo("Europe/Rome")


@pytest.mark.parametrize(
    "name", ["Mars/Olympus_Mons", "", "Roma", "../../etc/passwd", "/etc/localtime"]
)
def test_zone_unknown_name_is_invalid(name):
    with pytest.raises(Invalid) as raised:
        zone(name)

    assert raised.value.message == (
        f"Unknown timezone '{name}': use an IANA name such as Europe/Rome"
    )


def test_to_utc_naive_time_with_unknown_timezone_is_invalid():
    moment = datetime(2026, 7, 15, 9, 0)

    with pytest.raises(Invalid) as raised:
        to_utc(moment, "Europa/Roma")

    assert raised.value.status == 422


def test_zone_directory_name_is_invalid():
    with pytest.raises(Invalid) as raised:
        zone("Europe")

    assert raised.value.status == 422


def test_zone_overlong_name_is_invalid():
    with pytest.raises(Invalid) as raised:
        zone("A" * 300)

    assert raised.value.status == 422
