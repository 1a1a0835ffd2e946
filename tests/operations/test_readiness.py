"""Probes as an orchestrator reads them: /healthz says the process lives whatever happens to
NATS; /readyz says 503 while NATS is away, naming it, and 200 again once it is back."""

import httpx
import pytest

from devstack.waiting import wait_until
from tests.notifications.mailbox import FAST
from tests.support.system import running_stack

pytestmark = pytest.mark.e2e


def probe(url: str) -> tuple[int, dict]:
    answer = httpx.get(url, timeout=10)
    return answer.status_code, answer.json()


def readiness_turns(stack, status: int, timeout: float) -> dict[str, dict]:
    """Each service's /readyz answer, once it has the status."""
    return {
        name: wait_until(
            lambda name=name: (found := probe(f"{stack.url(name)}/readyz"))[0] == status and found,
            timeout=timeout,
            what=f"{name}/readyz answering {status}",
        )
        for name in stack.services
    }


def test_readyz_is_503_while_nats_is_down_and_200_once_it_is_back(tmp_path):
    with running_stack(tmp_path, env=FAST) as stack:
        assert stack.nats is not None
        services = list(stack.services)
        ready = {name: probe(f"{stack.url(name)}/readyz") for name in services}

        stack.nats.kill()
        away = readiness_turns(stack, 503, timeout=30)
        alive = {name: probe(f"{stack.url(name)}/healthz")[0] for name in services}
        stack.nats.start()
        back = readiness_turns(stack, 200, timeout=60)

    assert ready == {name: (200, {"status": "ready", "problems": []}) for name in services}
    assert {name: answer["problems"] for name, (_, answer) in away.items()} == {
        name: ["nats: not connected"] for name in services
    }
    assert alive == {name: 200 for name in services}
    assert back == ready
