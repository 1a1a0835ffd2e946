"""docker-compose.yml as Docker Compose would take it: valid against the Compose
Specification, the services healthy on /healthz, nothing published beyond localhost."""

import ipaddress
import subprocess

import pytest

from tests.deploy.files import REPO, SERVICES, venv_tool, yaml_file

pytestmark = pytest.mark.unit

COMPOSE = REPO / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml_file(COMPOSE)


def test_compose_file_validates_against_the_compose_specification() -> None:
    result = subprocess.run(
        [
            venv_tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            COMPOSE,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert (result.returncode, result.stderr) == (0, ""), result.stdout


@pytest.mark.parametrize("service", SERVICES)
def test_compose_service_runs_its_module(compose: dict, service: str) -> None:
    definition = compose["services"][service]

    assert definition["command"] == ["python", "-m", f"services.{service}"]
    assert definition["build"]["dockerfile"] == "deploy/Dockerfile"


@pytest.mark.parametrize("service", SERVICES)
def test_compose_service_healthcheck_asks_healthz(compose: dict, service: str) -> None:
    test = compose["services"][service]["healthcheck"]["test"]

    assert test[0] == "CMD"
    assert "http://127.0.0.1:8000/healthz" in test[-1]


def test_compose_publishes_ports_on_localhost_only(compose: dict) -> None:
    published = {
        name: definition.get("ports", []) for name, definition in compose["services"].items()
    }

    assert published == {
        "nats": [],
        "postgres": [],
        "mailpit": ["127.0.0.1:8025:8025"],
        "events": [],
        "registrations": [],
        "notifications": [],
        "proxy": ["127.0.0.1:8080:8080"],
    }


def proxy_address(compose: dict) -> str:
    return compose["services"]["proxy"]["networks"]["edge"]["ipv4_address"]


@pytest.mark.parametrize("service", SERVICES)
def test_compose_service_trusts_the_forwarded_address_of_the_proxy_alone(
    compose: dict, service: str
) -> None:
    environment = compose["services"][service]["environment"]

    assert environment["FORWARDED_ALLOW_IPS"] == proxy_address(compose)
    assert environment["STREAM_REPLICAS"] == "1"


def test_compose_proxy_address_is_fixed_inside_the_edge_subnet(compose: dict) -> None:
    [pool] = compose["networks"]["edge"]["ipam"]["config"]

    address = ipaddress.ip_address(proxy_address(compose))

    assert address in ipaddress.ip_network(pool["subnet"])
    assert address.is_private


def test_compose_edge_network_joins_the_proxy_and_the_services_only(compose: dict) -> None:
    on_edge = sorted(
        name
        for name, definition in compose["services"].items()
        if "edge" in definition.get("networks", ())
    )
    proxy_networks = compose["services"]["proxy"]["networks"]

    assert on_edge == sorted([*SERVICES, "proxy"])
    assert list(proxy_networks) == ["edge"]


@pytest.mark.parametrize("service", SERVICES)
def test_compose_service_takes_its_secrets_from_the_shell(compose: dict, service: str) -> None:
    environment = compose["services"][service]["environment"]
    secrets = {
        name: environment[name] for name in ("SECRET_KEY", "ADMIN_TOKEN") if name in environment
    }

    assert set(secrets.values()) == {None}


def test_compose_nats_configuration_is_accepted_by_nats_server(compose: dict) -> None:
    config = REPO / "deploy/nats/nats-server.conf"

    result = subprocess.run(
        [venv_tool("nats-server"), "-t", "-c", config], capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert "sync_interval: always" in config.read_text()
    assert (
        f"./{config.relative_to(REPO)}:/etc/nats/nats-server.conf:ro"
        in (compose["services"]["nats"]["volumes"])
    )
