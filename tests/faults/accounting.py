"""What a fault rush left behind, counted from each source on its own: the answers the
clients got, the registrations database, the REGISTRATIONS stream, and the raw messages in
the mail sink. Nothing overbooked, nothing lost, nothing doubled."""

from collections import Counter
from dataclasses import dataclass

from devstack.stack import Stack
from devstack.waiting import GaveUp, wait_until
from services.notifications.settings import NotificationsSettings
from tests.faults.rush import PEOPLE, SEATS, Outcome
from tests.support.bus import PEOPLE_FACTS, stream_facts
from tests.support.databases import stored_rows
from tests.support.mail import copies_by_recipient_and

MailCopies = dict[tuple[str, str], list[str]]  # (recipient, kind) -> Message-ID of each copy


@dataclass(frozen=True)
class Row:
    """A registration as its database holds it."""

    email: str
    status: str


def database_url(stack: Stack, service: str) -> str:
    return stack.services[service].env["DATABASE_URL"]


def registration_rows(stack: Stack, event_id: str) -> dict[str, Row]:
    """id -> row of every registration for the event, read from the registrations database."""
    query = f"SELECT id, email, status FROM registration WHERE event_id = '{event_id}'"
    rows = stored_rows(database_url(stack, "registrations"), query)
    return {str(rid): Row(str(email), str(status)) for rid, email, status in rows}


def assert_answers_match_rows(outcome: Outcome, rows: dict[str, Row]) -> None:
    """Everyone got a success, always naming the same registration; each success is one
    row with the status its person was told, and no row was told to nobody. The room is full
    and never overbooked: exactly the seats confirmed, everyone else waitlisted."""
    print(f"answers by HTTP status (0: connection broken): {dict(outcome.statuses())}")
    told = outcome.successes()
    assert len(told) == PEOPLE
    assert {email: got for email, got in told.items() if len(got) != 1} == {}
    answered = {rid: Row(email, str(status)) for email, [(rid, status)] in told.items()}
    assert answered == rows
    by_status = Counter(row.status for row in rows.values())
    assert by_status == Counter({"confirmed": SEATS, "waitlisted": PEOPLE - SEATS})


def assert_facts_match_rows(stack: Stack, rows: dict[str, Row]) -> None:
    """Each row has exactly one fact in the stream, the one of its status, once the relays
    have caught up; no other registration has one."""
    expected = Counter((rid, row.status) for rid, row in rows.items())

    def facts() -> Counter[tuple[str, str]]:
        found = stream_facts(stack, "REGISTRATIONS", PEOPLE_FACTS)
        return Counter(
            (data["registration_id"], subject.rsplit(".", 1)[1]) for subject, data in found
        )

    wait_until(lambda: set(facts()) >= set(expected), timeout=120, what="every row's fact")
    assert facts() == expected


def assert_mailed_once_each(
    stack: Stack, rows: dict[str, Row], *, duplicates_allowed: int = 0
) -> None:
    """Each registered person got the email of their status, and nobody else got any. Raw
    copies count, not distinct Message-IDs: a copy sent again is a duplicate, printed; at most
    `duplicates_allowed` of them, each with the Message-ID of the first."""
    expected = {(row.email, row.status) for row in rows.values()}
    wait_until(lambda: _drained(stack, expected), timeout=240, what="every email sent")

    copies = mailed_copies(stack)
    duplicates = {key: ids for key, ids in copies.items() if len(ids) > 1}
    for (recipient, kind), ids in sorted(duplicates.items()):
        print(f"duplicate: {recipient} {kind}: {len(ids)} copies, Message-IDs {ids}")
    print(f"emails: {sum(map(len, copies.values()))} raw copies for {len(expected)} people")
    assert set(copies) == expected
    assert sum(len(ids) - 1 for ids in duplicates.values()) <= duplicates_allowed
    assert {key: ids for key, ids in duplicates.items() if len(set(ids)) != 1} == {}


def mailed_copies(stack: Stack) -> MailCopies:
    """Every raw message in the sink by recipient and kind; the kind is the one of the
    delivery with that Message-ID in the notifications database ("unknown": no such row)."""
    query = "SELECT message_id, kind FROM delivery"
    kinds = dict(stored_rows(database_url(stack, "notifications"), query))
    return copies_by_recipient_and(
        stack.maildir, lambda message_id: kinds.get(message_id, "unknown")
    )


def _drained(stack: Stack, expected: set[tuple[str, str]]) -> bool:
    """Every expected email is in the sink and no delivery is left to send (a copy sent again
    after a crash would come from one of those)."""
    query = "SELECT status, count(*) FROM delivery WHERE status <> 'sent' GROUP BY status"
    unsent = dict(stored_rows(database_url(stack, "notifications"), query))
    if "failed" in unsent:
        raise GaveUp(f"deliveries failed for good: {unsent}")
    return not unsent and expected <= set(mailed_copies(stack))


def sends_in_flight(stack: Stack) -> int:
    """How many emails may be between the SMTP server's acceptance and their "sent" mark at
    one moment, all notifications processes together: what a crash may send twice."""
    env = stack.services["notifications"].env
    wanted = {"database_url", "workers", "smtp_connections"}  # plain values, no JSON lists
    given = {name.lower(): value for name, value in env.items() if name.lower() in wanted}
    settings = NotificationsSettings(**given)
    # One connection per process until the sender has a setting for more.
    return int(getattr(settings, "smtp_connections", 1)) * settings.processes()
