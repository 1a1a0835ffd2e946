"""A per-address limit on posts: a sliding window of one minute, kept in memory.

The window lives in each process, so with several workers (or replicas) an address gets the
limit once per process: it stops a script hammering one form, not a distributed attack,
which is the reverse proxy's job. The limit is the service setting `rate_limit_per_minute`
(0, or a service without the setting, turns it off).
"""

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request

MAX_ADDRESSES = 10_000  # past this many, addresses idle for a whole window are forgotten


class SlidingWindow:
    """At most `limit` accepted hits per key in any `seconds`-long window."""

    def __init__(
        self, limit: int, *, seconds: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.seconds = seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    def hit(self, key: str) -> float:
        """Count one hit for `key`: 0 when allowed, else the seconds until one will be."""
        if self.limit <= 0:
            return 0.0
        now = self._clock()
        hits = self._live(key, now)
        if len(hits) >= self.limit:
            return hits[0] + self.seconds - now
        hits.append(now)
        if len(self._hits) > MAX_ADDRESSES:
            self._forget_idle(now)
        return 0.0

    def wait(self, key: str) -> float:
        """The seconds until a hit for `key` would be allowed (0: now), counting nothing."""
        if self.limit <= 0:
            return 0.0
        now = self._clock()
        hits = self._live(key, now)
        return hits[0] + self.seconds - now if len(hits) >= self.limit else 0.0

    def _live(self, key: str, now: float) -> deque[float]:
        """The key's hits still inside the window."""
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        return hits

    def _forget_idle(self, now: float) -> None:
        idle = [
            key for key, hits in self._hits.items() if not hits or hits[-1] <= now - self.seconds
        ]
        for key in idle:
            del self._hits[key]


def _window(request: Request) -> SlidingWindow:
    """The app's window, made on first use from the service's settings."""
    state = request.app.state
    if not hasattr(state, "rate_window"):
        limit = getattr(state.ctx.settings, "rate_limit_per_minute", 0)
        state.rate_window = SlidingWindow(int(limit))
    window: SlidingWindow = state.rate_window
    return window


async def retry_after(request: Request) -> int:
    """Count this request against its address: 0 when allowed, else whole seconds to wait."""
    address = request.client.host if request.client else "unknown"
    wait = _window(request).hit(address)
    return max(math.ceil(wait), 1) if wait > 0 else 0


async def rate_limited(request: Request) -> None:
    """Refuse with 429 and Retry-After when the address is over its limit (JSON routes)."""
    wait = await retry_after(request)
    if wait:
        raise HTTPException(
            status_code=429,
            detail=f"Too many requests from your address: retry in {wait} seconds",
            headers={"Retry-After": str(wait)},
        )


RetryAfterDep = Annotated[int, Depends(retry_after)]
