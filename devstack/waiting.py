"""Waiting on conditions with a deadline, never on a fixed sleep."""

import asyncio
import socket
import subprocess
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

T = TypeVar("T")


class Timeout(AssertionError):
    pass


class GaveUp(Exception):
    """Raised by a condition that can never become true (a process died): stop waiting."""


def wait_until(
    condition: Callable[[], T], *, timeout: float = 15.0, interval: float = 0.05, what: str = ""
) -> T:
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = condition()
        except GaveUp:
            raise
        except Exception as exc:  # a service still starting refuses connections
            last_error = exc
        else:
            if result:
                return result
        time.sleep(interval)
    detail = f" (last error: {last_error})" if last_error else ""
    raise Timeout(f"timed out after {timeout}s waiting for {what or condition}{detail}")


async def wait_until_async(
    condition: Callable[[], Awaitable[T]],
    *,
    seconds: float = 15.0,
    interval: float = 0.05,
) -> T:
    """The asyncio twin of `wait_until`, for conditions that must be awaited."""
    async with asyncio.timeout(seconds):
        while True:
            result = await condition()
            if result:
                return result
            await asyncio.sleep(interval)


def wait_for_port(
    port: int, *, timeout: float = 15.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    def listening() -> bool:
        if process is not None and process.poll() is not None:
            raise GaveUp(f"process exited with {process.returncode} before listening")
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    wait_until(listening, timeout=timeout, what=f"port {port}")


def wait_for_health(
    url: str, *, timeout: float = 30.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    def healthy() -> bool:
        if process is not None and process.poll() is not None:
            raise GaveUp(f"{url}: process exited with {process.returncode}")
        return httpx.get(f"{url}/health", timeout=2).status_code == 200

    wait_until(healthy, timeout=timeout, what=f"{url}/health")
