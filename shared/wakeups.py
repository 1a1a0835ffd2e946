"""Background loops that sleep until there is work or a poll interval has passed."""

import asyncio
import contextlib


async def sleep_until_woken(wake: asyncio.Event, seconds: float) -> None:
    """Return when `wake` is set or after `seconds`, whichever comes first.

    Not `asyncio.wait_for` around `wake.wait()`: on Python 3.11, a task cancelled in the same
    moment its event is set returns from wait_for as if woken (CPython gh-86296), so a loop
    around it never stops and its service hangs on shutdown until something kills it.
    `asyncio.timeout` tells its own timeout from a cancellation and lets the latter through.
    """
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await wake.wait()
