"""`python -m devstack`: run the whole system on this machine with the demo conferences."""

import logging
import os
import signal
import sys
import threading
from datetime import date
from pathlib import Path

from devstack.demo import load_demo
from devstack.stack import PROJECT_ROOT, Stack, StackConfig
from shared.settings import DEVELOPMENT_SECRET


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    var_dir = Path(os.environ.get("CONVEGNI_VAR_DIR", PROJECT_ROOT / "var"))
    stack = Stack(
        StackConfig(var_dir=var_dir, nats_url=os.environ.get("NATS_URL"), conventional_ports=True)
    )
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        stack.start()
        token = os.environ.get("ORGANIZER_TOKEN", DEVELOPMENT_SECRET)
        loaded = load_demo(stack.url("events"), token, date.today())
        _announce(stack, loaded, var_dir)
        while not stopping.wait(1.0):
            if not all(p.running for p in (stack.sink, *stack.services.values())):
                print("A process stopped; see the logs under", var_dir / "log", file=sys.stderr)
                return 1
    except KeyboardInterrupt:
        pass
    finally:
        print("\nStopping…")
        stack.stop()
    return 0


def _announce(stack: Stack, loaded: list[str], var_dir: Path) -> None:
    print(
        f"""
convegni is running.

  Open this:        {stack.url("events")}/
  Registrations:    {stack.url("registrations")}
  Notifications:    {stack.url("notifications")}/api/deliveries
  Mail inbox:       {stack.url("inbox")}/   (SMTP sink on port {stack.ports["smtp"]})
  NATS:             {stack.nats_url}
  Logs and data:    {var_dir}
  Demo loaded:      {", ".join(loaded) or "already there"}

Press Ctrl-C to stop.""",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
