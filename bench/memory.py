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

from bench.proc import cpu_readings, tree, tree_rss_mib
from bench.warmup import warm_up
from devstack.demo import load_demo
from devstack.stack import Stack
from devstack.waiting import wait_until
from shared.settings import DEVELOPMENT_SECRET
from tests.support.system import running_stack

DEMO_PASSWORD = "bench-demo-password"
QUIET_CPU_SECONDS = 0.05  # all services together, over one second: nothing but idle polling


def quiet(stack: Stack, timeout: float = 60.0) -> None:
    """Until the services spend (almost) no CPU for a second: relays, consumers and senders
    have finished what the warm-up gave them."""
    pids = {name: s.process.pid for name, s in stack.services.items()}  # type: ignore[union-attr]

    def idle() -> bool:
        before = cpu_readings(pids)
        time.sleep(1.0)
        after = cpu_readings(pids)
        return sum(after[n] - before[n] for n in pids) < QUIET_CPU_SECONDS

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
            print(f"at rest after the demo load: {name} {mib:.1f} MiB ({processes} process)")
        for name, (mib, processes) in at_rest_after_warm_up(stack, today).items():
            print(f"at rest after the warm-up:   {name} {mib:.1f} MiB ({processes} process)")


if __name__ == "__main__":
    main()
