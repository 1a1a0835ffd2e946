"""Each service against an empty database: its first start migrates it to the newest revision,
the next start and a second `upgrade` change nothing, and the models match what the
migrations built."""

import logging

import httpx
import pytest

from devstack.ports import free_port
from devstack.processes import ServiceProcess
from shared.migrations import upgrade
from tests.migrations.schema import (
    PROJECT_ROOT,
    SERVICES,
    describe,
    head_of,
    metadata_of,
    migrations_of,
    model_differences,
    revisions_of,
)

pytestmark = pytest.mark.integration


def start_and_stop(service: str, database_url: str, log_file) -> dict:
    """`python -m services.<service>` until it answers /health (it migrates before that),
    then SIGTERM; what /health said. NATS_URL names a port nothing listens on: a service
    answers while NATS is away, and this one never finds it."""
    process = ServiceProcess(
        f"services.{service}",
        port=free_port(),
        env={
            "DATABASE_URL": database_url,
            "NATS_URL": f"nats://127.0.0.1:{free_port()}",
            "ASSETS_DIR": str(PROJECT_ROOT / "node_modules" / "bootstrap-italia" / "dist"),
        },
        log_file=log_file,
    )
    try:
        process.start().wait_healthy()
        return dict(httpx.get(f"{process.url}/health", timeout=5).json())
    except BaseException:
        print(f"----- {service} log -----\n{process.log_tail()}")
        raise
    finally:
        process.stop()


def upgrades_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("Running upgrade")]


@pytest.mark.parametrize("service", SERVICES)
def test_service_started_twice_on_an_empty_database_migrates_only_the_first_time(
    service, empty_database, tmp_path
):
    log_file = tmp_path / f"{service}.log"

    first = start_and_stop(service, empty_database, log_file)
    after_first = describe(empty_database)
    second = start_and_stop(service, empty_database, log_file)
    after_second = describe(empty_database)

    assert first["service"] == second["service"] == service
    assert after_first.revision == head_of(service)
    assert set(after_first.tables) == {*metadata_of(service).tables, "alembic_version"}
    assert after_second == after_first


@pytest.mark.parametrize("service", SERVICES)
def test_upgrade_run_again_on_a_migrated_database_is_a_no_op(service, empty_database, caplog):
    with caplog.at_level(logging.INFO, logger="alembic"):
        upgrade(empty_database, migrations_of(service))
    first_run = upgrades_logged(caplog)
    migrated = describe(empty_database)
    caplog.clear()

    with caplog.at_level(logging.INFO, logger="alembic"):
        upgrade(empty_database, migrations_of(service))

    assert [line.split(",")[0].split(" -> ")[1] for line in first_run] == revisions_of(service)
    assert upgrades_logged(caplog) == []
    assert describe(empty_database) == migrated


@pytest.mark.parametrize("service", SERVICES)
def test_models_match_the_schema_the_migrations_build(service, empty_database):
    upgrade(empty_database, migrations_of(service))

    differences = model_differences(empty_database, service)

    assert differences == []
