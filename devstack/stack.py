"""The whole system on one machine: nats-server, the mail sink, the three services and, for one
origin, the proxy in front of them."""

from dataclasses import dataclass, field
from pathlib import Path

from devstack.natsserver import NatsServer
from devstack.ports import free_port, preferred_port
from devstack.processes import ServiceProcess
from devstack.waiting import GaveUp
from shared.db import PRIVATE_FOLDER

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("events", "registrations", "notifications")
CONVENTIONAL_PORTS = {
    "events": 8001,
    "registrations": 8002,
    "notifications": 8003,
    "smtp": 1025,
    "inbox": 8025,
    "nats": 4322,  # not 4222: development machines here run their own NATS there
    "proxy": 8000,  # one origin for the three, routed as deploy/caddy/Caddyfile routes
}


@dataclass
class StackConfig:
    var_dir: Path
    nats_url: str | None = None  # an existing server; else the stack starts its own
    conventional_ports: bool = False  # the README's ports when free; tests take any free port
    database_urls: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)  # extra settings for every service
    # The proxy in front of the services, and their public addresses on it (links in pages
    # and emails, the console's way to the registrations pages); else each on its own port.
    one_origin: bool = False


class Stack:
    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self.ports = {name: self._port(name) for name in CONVENTIONAL_PORTS}
        self.nats: NatsServer | None = None
        if config.nats_url is None:
            self.nats = NatsServer(
                port=self.ports["nats"],
                store_dir=config.var_dir / "nats",
                log_file=config.var_dir / "log" / "nats-server.log",
            )
        self.maildir = config.var_dir / "mail"
        self.sink = ServiceProcess(
            "devstack.mailsink",
            port=self.ports["inbox"],
            env={
                "SMTP_SINK_PORT": str(self.ports["smtp"]),
                "INBOX_PORT": str(self.ports["inbox"]),
                "MAILDIR": str(self.maildir),
            },
            log_file=config.var_dir / "log" / "mailsink.log",
        )
        self.services = {name: self._service(name) for name in SERVICES}
        self.proxy: ServiceProcess | None = None
        if config.one_origin:
            upstreams = ",".join(f"{name}={self.services[name].url}" for name in SERVICES)
            self.proxy = ServiceProcess(
                "devstack.proxy",
                port=self.ports["proxy"],
                env={"PROXY_UPSTREAMS": upstreams},
                log_file=config.var_dir / "log" / "proxy.log",
            )

    def _port(self, name: str) -> int:
        if self.config.conventional_ports:
            return preferred_port(CONVENTIONAL_PORTS[name])
        return free_port()

    @property
    def nats_url(self) -> str:
        return self.config.nats_url or (self.nats.url if self.nats else "")

    def url(self, name: str) -> str:
        return f"http://localhost:{self.ports[name]}"

    @property
    def origin(self) -> str:
        """Where people open the system: the proxy, else the events service."""
        return self.url("proxy" if self.config.one_origin else "events")

    def public_url(self, name: str) -> str:
        """Where pages and emails send people for `name`: the proxy, with one origin."""
        return self.url("proxy" if self.config.one_origin else name)

    def _service(self, name: str) -> ServiceProcess:
        var = self.config.var_dir
        env = {
            "NATS_URL": self.nats_url,
            "DATABASE_URL": self.config.database_urls.get(
                name, f"sqlite+aiosqlite:///{var / (name + '.db')}"
            ),
            "EVENTS_PUBLIC_URL": self.public_url("events"),
            "REGISTRATIONS_PUBLIC_URL": self.public_url("registrations"),
            "ASSETS_DIR": str(PROJECT_ROOT / "node_modules" / "bootstrap-italia" / "dist"),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(self.ports["smtp"]),
            **self.config.env,
        }
        return ServiceProcess(
            f"services.{name}", port=self.ports[name], env=env, log_file=var / "log" / f"{name}.log"
        )

    def start(self) -> "Stack":
        """Start everything and wait until each part answers."""
        # var/ holds the databases, the letters the sink caught and the logs, all about
        # people: this user's only, even where an older run made it readable by others.
        self.config.var_dir.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        self.config.var_dir.chmod(PRIVATE_FOLDER)
        if self.nats is not None:
            self.nats.start()
        self.sink.start()
        for service in self.services.values():
            service.start()
        for process in (self.sink, *self.services.values()):
            process.wait_healthy()
        if self.proxy is not None:  # its /health is the events service's, through it
            self.proxy.start().wait_healthy()
        return self

    def check_alive(self) -> None:
        """Raise GaveUp naming a service that has exited: whatever a test waits for is lost."""
        for name, service in self.services.items():
            if service.process is not None and not service.running:
                raise GaveUp(f"{name} exited with {service.process.returncode}")

    @property
    def processes(self) -> list[ServiceProcess]:
        """The processes this stack started, the proxy last."""
        return [self.sink, *self.services.values(), *([self.proxy] if self.proxy else [])]

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.stop()
        for process in (*self.services.values(), self.sink):
            process.stop()
        if self.nats is not None:
            self.nats.stop()
