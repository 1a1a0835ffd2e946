"""Freed memory given back to the system once a service is at rest.

glibc keeps what a busy spell freed (pages of parsed requests, rendered pages, query
results) for the next one, and a process that served its pages once stays ~2 MiB larger
than it needs. malloc_trim(0) returns the free pages; it costs a few milliseconds, so it
runs once per busy spell, after a second in which the process spent almost no CPU.

Before it, the source lines that linecache keeps are let go: FastAPI reads the whole source
file of each endpoint at its first request (inspect.getsourcelines, for the file and line
of its error messages, which it keeps), and the lines stay in linecache (~0.1 MiB in a
service); a traceback written later reads its files again.
"""

import asyncio
import ctypes
import gc
import linecache
import time
from collections.abc import Callable
from dataclasses import dataclass

CHECK_SECONDS = 1.0
IDLE_CPU_SECONDS = 0.02  # per check: polling the bus and the outbox, nothing else
BUSY_CPU_SECONDS = 0.05  # since the last trim: enough work to have left pages free


def glibc_malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where the C library has none (musl, macOS)."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


@dataclass
class RestDetector:
    """Says when to trim, from the process's CPU time read at each check."""

    last_reading: float
    at_last_trim: float

    def should_trim(self, cpu_seconds: float) -> bool:
        spent = cpu_seconds - self.last_reading
        self.last_reading = cpu_seconds
        if spent < IDLE_CPU_SECONDS and cpu_seconds - self.at_last_trim >= BUSY_CPU_SECONDS:
            self.at_last_trim = cpu_seconds
            return True
        return False


async def trim_at_rest() -> None:
    """Forever: after each busy spell, once the process is idle, malloc_trim(0)."""
    trim = glibc_malloc_trim()
    if trim is None:
        return
    now = time.process_time()
    detector = RestDetector(last_reading=now, at_last_trim=0.0)
    while True:
        await asyncio.sleep(CHECK_SECONDS)
        if detector.should_trim(time.process_time()):
            give_back(trim)


def give_back(trim: Callable[[int], int]) -> None:
    """Drop the cached source lines and the busy spell's cyclic garbage (start-up's objects
    are frozen, so the collection walks only what requests made), then give the free pages
    back with `trim`."""
    linecache.clearcache()
    gc.collect()
    trim(0)
