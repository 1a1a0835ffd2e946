"""Running the services as real processes, for the embedded stack and for the tests."""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from devstack.waiting import wait_for_health


class ServiceProcess:
    """`python -m <module>` with its own environment and log file; start, stop, kill."""

    def __init__(self, module: str, *, port: int, env: dict[str, str], log_file: Path) -> None:
        self.module = module
        self.port = port
        self.env = env
        self.log_file = log_file
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ServiceProcess":
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, **self.env, "PORT": str(self.port)}
        with open(self.log_file, "ab") as log:
            # A session of its own: with WORKERS > 1, uvicorn's workers are its children, and a
            # kill must take them too, as a crash of the container would.
            self.process = subprocess.Popen(
                [sys.executable, "-m", self.module],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def wait_healthy(self, timeout: float = 60.0) -> "ServiceProcess":
        wait_for_health(self.url, timeout=timeout, process=self.process)
        return self

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM and wait: the service finishes what it was doing. One that does not finish
        in `timeout` is killed, workers and all."""
        if self.running:
            assert self.process is not None
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL to the service and every worker it started, as a crash would."""
        # Only while the service is not yet reaped: until then its pid, which names the group,
        # cannot belong to anyone else.
        if self.process is None or self.process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_file.exists():
            return ""
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
