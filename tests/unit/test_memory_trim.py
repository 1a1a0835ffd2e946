"""A service gives freed memory back once per busy spell, when it has gone idle."""

import linecache

import pytest

from shared.memory_trim import RestDetector, give_back, glibc_malloc_trim

pytestmark = pytest.mark.unit


def test_trims_once_when_idle_after_a_busy_spell():
    detector = RestDetector(last_reading=0.0, at_last_trim=0.0)

    decisions = [detector.should_trim(cpu) for cpu in (0.5, 0.505, 0.51, 0.515)]

    assert decisions == [False, True, False, False]


def test_waits_while_the_process_keeps_working():
    detector = RestDetector(last_reading=0.0, at_last_trim=0.0)

    decisions = [detector.should_trim(cpu) for cpu in (0.2, 0.4, 0.6, 0.605)]

    assert decisions == [False, False, False, True]


def test_a_little_polling_is_not_a_busy_spell():
    detector = RestDetector(last_reading=1.0, at_last_trim=1.0)

    decisions = [detector.should_trim(cpu) for cpu in (1.01, 1.02, 1.03)]

    assert decisions == [False, False, False]


def test_glibc_malloc_trim_is_found_on_this_linux():
    trim = glibc_malloc_trim()

    assert trim is not None
    assert trim(0) in (0, 1)


def test_giving_back_lets_go_of_cached_source_lines_then_trims():
    linecache.getlines(__file__)
    trims: list[int] = []

    give_back(lambda pad: trims.append(pad) or 1)

    assert (__file__ in linecache.cache, trims) == (False, [0])
