"""wrk, the C load generator, sending an exact number of requests (bench/count.lua): its
latencies, its answers by status and the ids it was answered with."""

import json
import os
import shutil
import signal
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.proc import cpu_seconds
from devstack.waiting import GaveUp, wait_until

SCRIPT = Path(__file__).with_name("count.lua")


@dataclass(frozen=True)
class WrkRun:
    """One wrk run as count.lua reports it."""

    seconds: float
    requests: int  # answered
    sent: int
    latency_ms: dict[str, float]  # p50, p90, p99, max
    statuses: Counter[int]
    ids: list[str] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def succeeded(self) -> int:
        return sum(n for status, n in self.statuses.items() if 200 <= status < 300)


def parse_report(text: str) -> WrkRun:
    """count.lua's JSON report."""
    report = json.loads(text)
    return WrkRun(
        seconds=report["duration_us"] / 1e6,
        requests=report["requests"],
        sent=report["sent"],
        latency_ms={name: us / 1000 for name, us in report["latency_us"].items()},
        statuses=Counter({int(status): n for status, n in report["statuses"].items()}),
        ids=list(report["ids"]),
        errors=dict(report["errors"]),
    )


def wrk_binary() -> str:
    """wrk from Debian's packages, installed the first time (as ./dev installs Chromium)."""
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.getuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["update", "-qq"], ["install", "-y", "-qq", "wrk"]):
        subprocess.run([*sudo, "apt-get", *step], check=True, env=env, stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or "wrk"


class Wrk:
    """`count` requests to `url`, `connections` at a time; started, then waited for, so that
    the bench can read other processes' CPU while it runs."""

    def __init__(
        self,
        url: str,
        *,
        count: int,
        connections: int,
        method: str = "GET",
        body: str = "",
        headers: dict[str, str] | None = None,
        tag: str = "w",
        threads: int = 2,
    ) -> None:
        self.count = count
        self.threads = max(1, min(threads, connections, count))
        self._folder = tempfile.TemporaryDirectory(prefix="bench-wrk-")
        self.report = Path(self._folder.name) / "report.json"
        self.finished = Path(f"{self.report}.finished")
        self.command = [
            wrk_binary(), "--latency", "-t", str(self.threads), "-c", str(connections),
            "-d", "3600s", "--timeout", "60s", "-s", str(SCRIPT),
        ]  # fmt: skip
        for name, value in (headers or {}).items():
            self.command += ["-H", f"{name}: {value}"]
        self.command.append(url)
        self.env = {
            **os.environ,
            "WRK_COUNT": str(count),
            "WRK_THREADS": str(self.threads),
            "WRK_METHOD": method,
            "WRK_BODY": body,
            "WRK_TAG": tag,
            "WRK_REPORT": str(self.report),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.cpu_seconds = 0.0  # wrk's own, read as it finishes: the client's cost

    def start(self) -> "Wrk":
        self.process = subprocess.Popen(self.command, env=self.env, stdout=subprocess.DEVNULL)
        return self

    def _threads_finished(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise GaveUp(f"wrk exited with {self.process.returncode}: {self.command}")
        return self.finished.exists() and len(self.finished.read_text().split()) >= self.threads

    def wait(self, timeout: float = 900) -> WrkRun:
        """Until every thread has its answers; then interrupt wrk's sleep, so that it reports."""
        assert self.process is not None
        try:
            wait_until(self._threads_finished, timeout=timeout, interval=0.02, what="wrk's answers")
        finally:
            self.cpu_seconds = cpu_seconds(self.process.pid)
            self.process.send_signal(signal.SIGINT)
            self.process.wait(timeout=60)
        try:
            return parse_report(self.report.read_text())
        finally:
            self._folder.cleanup()

    def run(self) -> WrkRun:
        return self.start().wait()
