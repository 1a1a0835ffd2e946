"""Each service's resident memory at rest, measured honestly: the system as `./dev up` runs
it (the demo conferences loaded), then every page read and a registration mailed
(bench/warmup.py), then quiet; VmRSS of each service's process tree from /proc.

    .venv/bin/python -m bench.memory            # prints one line per service
"""

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.proc import cpu_readings, mib_and_mb, tree, tree_rss_mib
from bench.warmup import warm_up
from devstack.demo import load_demo
from devstack.stack import Stack
from devstack.waiting import wait_until
from shared.memory_trim import CHECK_SECONDS
from shared.settings import DEVELOPMENT_SECRET
from tests.support.system import running_stack

DEMO_PASSWORD = "bench-demo-password"
QUIET_CPU_SECONDS = 0.05  # all services together, per second: nothing but idle polling
# At rest is after each service's own trim (shared.memory_trim): its first check after the
# busy spell may still see the end of it, the next one trims. A second of quiet alone may end
# before that trim, and measured ~1.5 MiB that the service gives back a moment later.
REST_SECONDS = 2 * CHECK_SECONDS + 0.5


def quiet(stack: Stack, timeout: float = 60.0, seconds: float = REST_SECONDS) -> None:
    """Until the services spend (almost) no CPU for `seconds`: relays, consumers and senders
    have finished what the warm-up gave them, and each has given back what it freed."""
    pids = {name: s.process.pid for name, s in stack.services.items()}  # type: ignore[union-attr]

    def idle() -> bool:
        before = cpu_readings(pids)
        time.sleep(seconds)
        after = cpu_readings(pids)
        return sum(after[n] - before[n] for n in pids) < QUIET_CPU_SECONDS * seconds

    wait_until(idle, timeout=timeout, interval=0.1, what="the services at rest")


def resident(stack: Stack) -> dict[str, tuple[float, int]]:
    """Each service's VmRSS in MiB (its process and any workers) and its number of processes."""
    measured = {}
    for name, service in stack.services.items():
        pid = service.process.pid  # type: ignore[union-attr]
        measured[name] = (tree_rss_mib(pid), len(tree(pid)))
    return measured


def at_rest_after_warm_up(
    stack: Stack, today: date, password: str = DEMO_PASSWORD
) -> dict[str, tuple[float, int]]:
    """The demo loaded with `password`: read every page, mail two people, then measure."""
    warm_up(stack, password, today=today)
    quiet(stack)
    return resident(stack)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp)) as stack:
        load_demo(stack.url("events"), DEVELOPMENT_SECRET, today, password=DEMO_PASSWORD)
        quiet(stack)
        for name, (mib, processes) in resident(stack).items():
            print(f"at rest after the demo load: {name} {mib_and_mb(mib)} ({processes} process)")
        for name, (mib, processes) in at_rest_after_warm_up(stack, today).items():
            print(f"at rest after the warm-up:   {name} {mib_and_mb(mib)} ({processes} process)")


if __name__ == "__main__":
    main()
