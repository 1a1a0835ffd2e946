"""The emails of a person's sessions (issue 17's personal agenda): a seat taken in a session,
a session left, a session the organizer moved. Each carries the invite of that one session
(its own UID, shared.ical_sessions says why one per email), REQUEST to add or move it,
CANCEL to withdraw it; the event's own invite is not touched."""

from dataclasses import replace
from typing import Any

from services.notifications.formats.letter import Outgoing, message, one_line
from services.notifications.formats.mime import Draft, InviteMethod
from shared.catalogs import N_
from shared.contracts import ProgrammeItemV1
from shared.ical import Attendee, serialize_entry_invite
from shared.ical_sessions import session_entry, session_item, session_uid

SESSION_JOINED = "session_joined"
SESSION_LEFT = "session_left"
SESSION_MOVED = "session_moved"
KINDS = (SESSION_JOINED, SESSION_LEFT, SESSION_MOVED)
# bodies.subject: "subject_" + the kind.
SUBJECTS = (N_("subject_session_joined"), N_("subject_session_left"), N_("subject_session_moved"))


def compose_session(out: Outgoing) -> Draft:
    """What happened to the session, its time and room, and its invite."""
    item = _session(out)
    draft = message(out, {"session": item}, about=item.title if item else "")
    if item is None:  # a session unknown to both the snapshot and the delivery: no entry
        return draft
    method: InviteMethod = "CANCEL" if out.kind == SESSION_LEFT else "REQUEST"
    return replace(draft, invite=(method, _invite(out, item, method)))


def _invite(out: Outgoing, item: ProgrammeItemV1, method: InviteMethod) -> bytes:
    letter = out.letter
    entry = session_entry(
        out.event, item, version=int(out.facts["version"]), cancelled=method == "CANCEL"
    )
    return serialize_entry_invite(
        method,
        entry,
        uid=session_uid(out.event.id, item.id or 0, letter.recipient_email, out.domain),
        now=out.now,
        organizer_email=out.organizer_email,
        attendee=Attendee(email=letter.recipient_email, name=one_line(letter.recipient_name)),
    )


def _session(out: Outgoing) -> ProgrammeItemV1 | None:
    """The session as the event now has it; as it was when owed, once it is gone from it."""
    item = session_item(out.event, int(out.facts["item_id"]))
    kept: dict[str, Any] | None = out.facts.get("session")
    if item is None and kept is not None:
        return ProgrammeItemV1.model_validate(kept)
    return item
