"""The bench's readings: /proc's stat and status lines, and wrk's report (bench/count.lua)."""

import json
from collections import Counter

import pytest

from bench.proc import cpu_ms_per_operation, mib_and_mb, parse_rss_kib, parse_stat
from bench.wrk import parse_report

pytestmark = pytest.mark.unit

# A uvicorn worker as proc(5) prints it, with a name holding a space and a parenthesis.
STAT = (
    "4242 (python -m (x)) S 4200 4242 4200 0 -1 4194560 9051 0 0 0 1234 567 0 0 20 0 3 0 "
    "88123 250000000 24000 18446744073709551615 1 1 0 0 0 0 0 16781312 16386 0 0 0 17 1 0 0"
)
STATUS = "Name:\tpython\nState:\tS (sleeping)\nVmPeak:\t  250000 kB\nVmRSS:\t   96256 kB\n"


def test_stat_gives_parent_and_cpu_ticks_whatever_the_name_holds():
    stat = parse_stat(STAT)

    assert (stat.parent, stat.user_ticks, stat.system_ticks) == (4200, 1234, 567)


def test_status_gives_resident_memory_in_kib():
    assert parse_rss_kib(STATUS) == 96256


def test_a_size_is_written_in_mib_and_in_mb():
    assert mib_and_mb(95.37) == "95.4 MiB (100.0 MB)"


def test_status_of_a_zombie_has_no_resident_memory():
    assert parse_rss_kib("Name:\tpython\nState:\tZ (zombie)\n") == 0


def test_cpu_per_operation_is_the_difference_over_the_operations():
    before = {"registrations": 10.0, "nats-server": 1.0}
    after = {"registrations": 13.0, "nats-server": 1.5}

    spent = cpu_ms_per_operation(before, after, 1000)

    assert spent == pytest.approx({"registrations": 3.0, "nats-server": 0.5})


def report(**changes: object) -> str:
    values: dict[str, object] = {
        "duration_us": 2_500_000,
        "requests": 500,
        "sent": 500,
        "errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0},
        "latency_us": {"p50": 41_000, "p90": 90_500, "p99": 180_250, "max": 300_000},
        "statuses": {"201": 498, "409": 2},
        "ids": ["5f0c", "77aa"],
    }
    values.update(changes)
    return json.dumps(values)


def test_wrk_report_gives_rate_latencies_in_ms_and_answers_by_status():
    run = parse_report(report())

    assert run.per_second == 200
    assert run.latency_ms == {"p50": 41.0, "p90": 90.5, "p99": 180.25, "max": 300.0}
    assert run.statuses == Counter({201: 498, 409: 2})
    assert run.succeeded == 498
    assert run.ids == ["5f0c", "77aa"]


def test_wrk_report_without_answers_has_no_successes():
    run = parse_report(report(requests=0, statuses={}, ids=[]))

    assert (run.succeeded, run.statuses) == (0, Counter())
