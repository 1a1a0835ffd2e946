"""Connecting to NATS so that a broker that is down, or goes down, is waited for, not fatal."""

import asyncio
import logging

import nats
from nats.aio.client import Client

log = logging.getLogger(__name__)


async def connect_forever(url: str, *, name: str) -> Client:
    """Connect, retrying until the server answers; afterwards the client reconnects on its own."""
    delay = 0.2
    while True:
        try:
            return await nats.connect(
                servers=url.split(","),
                name=name,
                allow_reconnect=True,
                max_reconnect_attempts=-1,
                reconnect_time_wait=0.5,
                connect_timeout=2,
                error_cb=_log_error,
                disconnected_cb=_log_disconnected,
                reconnected_cb=_log_reconnected,
            )
        except Exception as exc:
            log.warning("NATS at %s not reachable (%s); retrying", url, exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 3.0)


async def _log_error(exc: Exception) -> None:
    log.info("NATS: %s", exc)


async def _log_disconnected() -> None:
    log.warning("NATS disconnected; reconnecting")


async def _log_reconnected() -> None:
    log.warning("NATS reconnected")
