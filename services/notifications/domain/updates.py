"""Who hears of a change to an event, by which email, and what it tells them (what is told,
and by which kind of email, is shared.announcements', which the organizer's preview uses too)."""

from services.notifications.domain.participants import Registrant, holds_seat
from shared.announcements import mail_kind, told
from shared.contracts import EventUpdatedV1

__all__ = ["hears_of", "news_for", "told", "update_kind"]


def update_kind(fact: EventUpdatedV1) -> str | None:
    """The email an update calls for (shared.announcements.mail_kind); None when the
    organizer published it without notifying anyone."""
    if not fact.notify:
        return None
    return mail_kind(
        fact.changes,
        calendar_relevant=fact.calendar_relevant,
        notify_programme_changes=fact.event.notify_programme_changes,
    )


def hears_of(participant: Registrant, revision: int) -> bool:
    """Held a seat before this revision: a seat confirmed at it or later came with an email
    composed from it already."""
    return holds_seat(participant) and (participant.confirmed_revision or 0) < revision


def news_for(participant: Registrant, fact: EventUpdatedV1, kind: str) -> list[str] | None:
    """What this participant is told of an update by an email of `kind`; None when they get
    no email (no seat before it, or a programme note with nothing for them). A new invite
    goes even with nothing to say: the calendar entry must move."""
    if not hears_of(participant, fact.event.revision):
        return None
    said = told(fact.changes, language=participant.language, mode=participant.mode)
    return said if said or kind == "rescheduled" else None
