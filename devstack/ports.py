"""Finding ports: the conventional one when it is free, else any free one."""

import random
import socket
from pathlib import Path


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def _ephemeral_range() -> tuple[int, int]:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port(host: str = "127.0.0.1") -> int:
    """A free port below the ephemeral range: a port the OS hands out for outgoing
    connections could be taken by one between our check and the service's bind."""
    low, _ = _ephemeral_range()
    for _ in range(200):
        port = random.randint(10_000, max(low - 1, 10_001))
        if port_is_free(port, host):
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def preferred_port(port: int, host: str = "127.0.0.1") -> int:
    return port if port_is_free(port, host) else free_port(host)
