"""The sliding window behind the form's rate limit, on a clock the test moves."""

import pytest

from shared.web.ratelimit import SlidingWindow

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_window_allows_the_limit_then_says_when_to_retry():
    clock = Clock()
    window = SlidingWindow(3, seconds=60, clock=clock)
    allowed = []
    for _ in range(3):
        allowed.append(window.hit("10.0.0.1"))
        clock.now += 10

    refused = window.hit("10.0.0.1")

    assert allowed == [0.0, 0.0, 0.0]
    assert refused == 30.0  # the first hit leaves the window at 1060; it is 1030 now


def test_window_slides_so_old_hits_stop_counting():
    clock = Clock()
    window = SlidingWindow(2, seconds=60, clock=clock)
    window.hit("10.0.0.1")
    clock.now += 30
    window.hit("10.0.0.1")
    clock.now += 31  # the first hit is out, the second still in

    again = [window.hit("10.0.0.1"), window.hit("10.0.0.1")]

    assert again == [0.0, 29.0]


def test_window_counts_each_address_apart():
    window = SlidingWindow(1, clock=Clock())
    window.hit("10.0.0.1")

    other = window.hit("10.0.0.2")

    assert other == 0.0


def test_window_of_zero_is_off():
    window = SlidingWindow(0, clock=Clock())

    hits = [window.hit("10.0.0.1") for _ in range(100)]

    assert hits == [0.0] * 100
