"""What an operator reads off a running service: its JSON log lines and its /metrics."""

import json
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from devstack.stack import Stack


def log_lines(stack: Stack, service: str) -> list[dict[str, Any]]:
    """Every JSON line the service logged so far (anything else it printed is skipped)."""
    lines = stack.services[service].log_file.read_text(errors="replace").splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def traced(stack: Stack, service: str, trace_id: str) -> list[dict[str, Any]]:
    """The service's log lines of one trace, in order."""
    return [line for line in log_lines(stack, service) if line.get("trace_id") == trace_id]


Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(stack: Stack, service: str) -> Samples:
    """Every sample of the service's /metrics, by name and labels."""
    answer = httpx.get(f"{stack.url(service)}/metrics", timeout=30)
    assert answer.status_code == 200, answer.text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value; 0 when the series has not appeared yet (nothing counted)."""
    return samples.get((name, frozenset(labels.items())), 0.0)
