"""`python -m devstack`: run the whole system on this machine with the demo conferences."""

import logging
import secrets
import signal
import sys
import threading
from datetime import date
from pathlib import Path

from devstack.demo import DemoLoad, load_demo
from devstack.settings import DevstackSettings
from devstack.stack import PROJECT_ROOT, Stack, StackConfig


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings = DevstackSettings()
    var_dir = settings.convegni_var_dir or PROJECT_ROOT / "var"
    stack = Stack(
        StackConfig(
            var_dir=var_dir,
            nats_url=settings.nats_url,
            conventional_ports=True,
            one_origin=True,
        )
    )
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        stack.start()
        password = demo_password(settings, var_dir)
        demo = load_demo(stack.url("events"), settings.admin_token, date.today(), password=password)
        _announce(stack, demo, password, var_dir, settings.ops_token)
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


def demo_password(settings: DevstackSettings, var_dir: Path) -> str:
    """The demo organizers' password: DEMO_PASSWORD, or one made up once and kept in var/."""
    if settings.demo_password:
        return settings.demo_password
    kept = var_dir / "demo-password.txt"
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(secrets.token_urlsafe(12))
    return kept.read_text().strip()


def _announce(stack: Stack, demo: DemoLoad, password: str, var_dir: Path, ops_token: str) -> None:
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
