"""What the registrations service counts: registration attempts by channel and outcome."""

from prometheus_client import Counter

REGISTRATIONS = Counter(
    "convegni_registrations",
    "Registration attempts by channel (api, form) and outcome: the status given "
    "(confirmed, waitlisted, pending), already_registered, or refused (closed, full, invalid)",
    ["channel", "outcome"],
)


def count_outcome(channel: str, *, status: str, already: bool) -> None:
    REGISTRATIONS.labels(channel, "already_registered" if already else status).inc()


def count_refusal(channel: str) -> None:
    REGISTRATIONS.labels(channel, "refused").inc()
