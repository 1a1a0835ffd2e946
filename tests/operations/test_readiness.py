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


def test_readyz_is_503_while_nats_is_down_and_200_once_it_is_back(tmp_path):
    with running_stack(tmp_path, env=FAST) as stack:
        assert stack.nats is not None
        services = list(stack.services)
        ready = {name: probe(f"{stack.url(name)}/readyz") for name in services}

        stack.nats.kill()
        away = {
            name: wait_until(
                lambda name=name: (found := probe(f"{stack.url(name)}/readyz"))[0] == 503 and found,
                timeout=30,
                what=f"{name} unready",
            )
            for name in services
        }
        alive = {name: probe(f"{stack.url(name)}/healthz")[0] for name in services}
        stack.nats.start()
        back = {
            name: wait_until(
                lambda name=name: (found := probe(f"{stack.url(name)}/readyz"))[0] == 200 and found,
                timeout=60,
                what=f"{name} ready again",
            )
            for name in services
        }

    assert ready == {name: (200, {"status": "ready", "problems": []}) for name in services}
    assert {name: answer["problems"] for name, (_, answer) in away.items()} == {
        name: ["nats: not connected"] for name in services
    }
    assert alive == {name: 200 for name in services}
    assert back == ready
