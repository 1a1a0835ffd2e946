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
# Each look opens a connection and reads a whole stream or table: every half second is soon
# enough after a drain of tens of seconds, and leaves the CPU to the services being watched.
LOOK_EVERY = 0.5
OTHER_EVENT = "(another event's)"  # tests sharing a stack each count their own event's mail


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


def assert_facts_match_rows(stack: Stack, event_id: str, rows: dict[str, Row]) -> None:
    """Each row has exactly one fact in the stream, the one of its status, once the relays
    have caught up; no other registration for the event has one."""
    expected = Counter((rid, row.status) for rid, row in rows.items())

    def facts() -> Counter[tuple[str, str]]:
        found = stream_facts(stack, "REGISTRATIONS", PEOPLE_FACTS)
        return Counter(
            (data["registration_id"], subject.rsplit(".", 1)[1])
            for subject, data in found
            if data["event_id"] == event_id
        )

    wait_until(
        lambda: set(facts()) >= set(expected),
        timeout=120,
        interval=LOOK_EVERY,
        what="every row's fact",
    )
    assert facts() == expected


def assert_mailed_once_each(
    stack: Stack, event_id: str, rows: dict[str, Row], *, duplicates_allowed: int = 0
) -> None:
    """Each registered person got the email of their status, and nobody else got one about
    the event (nor one the notifications database knows nothing of). Raw copies count, not
    distinct Message-IDs: a copy sent again is a duplicate, printed; at most
    `duplicates_allowed` of them, each with the Message-ID of the first."""
    expected = {(row.email, row.status) for row in rows.values()}
    wait_until(
        lambda: _drained(stack, event_id, expected),
        timeout=240,
        interval=LOOK_EVERY,
        what="every email",
    )

    copies = mailed_copies(stack, event_id)
    duplicates = {key: ids for key, ids in copies.items() if len(ids) > 1}
    for (recipient, kind), ids in sorted(duplicates.items()):
        print(f"duplicate: {recipient} {kind}: {len(ids)} copies, Message-IDs {ids}")
    print(f"emails: {sum(map(len, copies.values()))} raw copies for {len(expected)} people")
    assert set(copies) == expected
    assert sum(len(ids) - 1 for ids in duplicates.values()) <= duplicates_allowed
    assert {key: ids for key, ids in duplicates.items() if len(set(ids)) != 1} == {}


def mailed_copies(stack: Stack, event_id: str) -> MailCopies:
    """Every raw message in the sink about the event, and any the notifications database
    has no delivery for (kind "unknown"), by recipient and kind (the kind of the delivery
    with that Message-ID)."""
    query = "SELECT message_id, event_id, kind FROM delivery"
    rows = stored_rows(database_url(stack, "notifications"), query)
    kinds = {mid: kind if event == event_id else OTHER_EVENT for mid, event, kind in rows}
    copies = copies_by_recipient_and(stack.maildir, lambda mid: kinds.get(mid, "unknown"))
    return {key: ids for key, ids in copies.items() if key[1] != OTHER_EVENT}


def _drained(stack: Stack, event_id: str, expected: set[tuple[str, str]]) -> bool:
    """Every expected email is in the sink and no delivery for the event is left to send (a
    copy sent again after a crash would come from one of those)."""
    query = (
        "SELECT status, count(*) FROM delivery "
        f"WHERE event_id = '{event_id}' AND status <> 'sent' GROUP BY status"
    )
    unsent = dict(stored_rows(database_url(stack, "notifications"), query))
    if "failed" in unsent:
        raise GaveUp(f"deliveries failed for good: {unsent}")
    return not unsent and expected <= set(mailed_copies(stack, event_id))


def sends_in_flight(stack: Stack) -> int:
    """How many emails may be between the SMTP server's acceptance and their "sent" mark at
    one moment, all notifications processes together: what a crash may send twice."""
    env = stack.services["notifications"].env
    wanted = {"database_url", "workers", "smtp_connections"}  # plain values, no JSON lists
    given = {name.lower(): value for name, value in env.items() if name.lower() in wanted}
    settings = NotificationsSettings(**given)
    # One connection per process until the sender has a setting for more.
    return int(getattr(settings, "smtp_connections", 1)) * settings.processes()
