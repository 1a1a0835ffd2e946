"""Delivery keys, Message-IDs and the retry policy."""

import hashlib
from datetime import datetime, timedelta


def round_id(registration_id: str, renewal: int) -> str:
    """The registration as it is now: a second registration after cancelling is another
    round, so its emails are not taken for repeats of the first round's."""
    return registration_id + (f"~{renewal}" if renewal else "")


def delivery_key(registration_id: str, kind: str, number: int | str | None = None) -> str:
    """One logical email: (registration, kind, and the revision, offer, request or change
    number where the fact has one); recomputing gives the same key."""
    return f"{registration_id}/{kind}" + (f"/{number}" if number is not None else "")


def message_id(key: str, domain: str) -> str:
    """A stable Message-ID, so a resent copy is recognisably the same email."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def next_attempt(attempts: int, now: datetime, schedule: tuple[float, ...]) -> datetime | None:
    """When to try again after `attempts` failures, or None when the schedule is spent."""
    if attempts > len(schedule):
        return None
    return now + timedelta(seconds=schedule[attempts - 1])
