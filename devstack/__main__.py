"""`python -m devstack`: run the whole system on this machine with the demo conferences."""

import logging
import os
import secrets
import signal
import sys
import threading
from datetime import date
from pathlib import Path

from devstack.demo import DemoLoad, load_demo
from devstack.stack import PROJECT_ROOT, Stack, StackConfig
from shared.settings import DEVELOPMENT_SECRET


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    var_dir = Path(os.environ.get("CONVEGNI_VAR_DIR", PROJECT_ROOT / "var"))
    stack = Stack(
        StackConfig(
            var_dir=var_dir,
            nats_url=os.environ.get("NATS_URL"),
            conventional_ports=True,
            one_origin=True,
        )
    )
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        stack.start()
        admin_token = os.environ.get("ADMIN_TOKEN", DEVELOPMENT_SECRET)
        password = demo_password(var_dir)
        demo = load_demo(stack.url("events"), admin_token, date.today(), password=password)
        _announce(stack, demo, password, var_dir)
        while not stopping.wait(1.0):
            if not all(p.running for p in stack.processes):
                print("A process stopped; see the logs under", var_dir / "log", file=sys.stderr)
                return 1
    except KeyboardInterrupt:
        pass
    finally:
        print("\nStopping…")
        stack.stop()
    return 0


def demo_password(var_dir: Path) -> str:
    """The demo organizers' password: DEMO_PASSWORD, or one made up once and kept in var/."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"]
    kept = var_dir / "demo-password.txt"
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(secrets.token_urlsafe(12))
    return kept.read_text().strip()


def _announce(stack: Stack, demo: DemoLoad, password: str, var_dir: Path) -> None:
    ops_token = os.environ.get("OPS_TOKEN", DEVELOPMENT_SECRET)
    logins = "\n".join(f"                    {email}" for email in demo.accounts.values())
    print(
        f"""
convegni is running.

  Open this:        {stack.origin}/
  Organizer console: {stack.origin}/console/  (password: {password}) as one of
{logins}
  Delivery log:     {stack.origin}/deliveries/login?token={ops_token}
  The services:     events {stack.url("events")}, registrations {stack.url("registrations")},
                    notifications {stack.url("notifications")} (the address above routes
                    to each as deploy/caddy/Caddyfile does)
  Mail inbox:       {stack.url("inbox")}/   (SMTP sink on port {stack.ports["smtp"]})
  NATS:             {stack.nats_url}
  Logs and data:    {var_dir}
  Demo loaded:      {", ".join(demo.loaded) or "already there"}

Press Ctrl-C to stop.""",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
