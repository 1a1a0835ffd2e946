"""A three-node NATS cluster with JetStream replicas 3: the node leading the registrations
stream is killed in the middle of a rush of 300 people for 40 seats; the system goes on, and
overbooks, loses and doubles nothing."""

import asyncio

import nats
import pytest

from devstack.natscluster import NatsCluster
from tests.faults.accounting import (
    assert_answers_match_rows,
    assert_facts_match_rows,
    assert_mailed_once_each,
    registration_rows,
)
from tests.faults.rush import QUICK_RECOVERY, SEATS, rush_with_breakage
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = [pytest.mark.faults, pytest.mark.e2e]


def stream_leader(cluster: NatsCluster, stream: str) -> str:
    async def ask() -> str:
        client = await nats.connect(servers=cluster.url.split(","))
        try:
            info = await client.jetstream().stream_info(stream)
            assert info.cluster is not None and info.cluster.leader
            return str(info.cluster.leader)
        finally:
            await client.close()

    return asyncio.run(ask())


@pytest.fixture
def cluster(tmp_path):
    running = NatsCluster(tmp_path / "cluster").start()
    yield running
    running.stop()


def test_stream_leader_killed_mid_rush_loses_nothing(tmp_path, cluster):
    env = {**QUICK_RECOVERY, "STREAM_REPLICAS": "3"}
    with running_stack(tmp_path / "stack", nats_url=cluster.url, env=env) as stack:
        event = publish(stack, conference(capacity=SEATS))
        wait_until_registrable(stack, event["slug"])
        leader = stream_leader(cluster, "REGISTRATIONS")

        outcome = rush_with_breakage(
            stack, event["slug"], breakage=lambda: cluster.kill_node(cluster.node(leader))
        )

        rows = registration_rows(stack, event["id"])
        assert_answers_match_rows(outcome, rows)
        assert_facts_match_rows(stack, event["id"], rows)
        assert_mailed_once_each(stack, event["id"], rows)
        assert stream_leader(cluster, "REGISTRATIONS") != leader
