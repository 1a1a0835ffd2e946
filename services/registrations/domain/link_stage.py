"""What an emailed link that moves a registration on (confirm the address, accept an offered
seat) can still do: the one rule that the link's pages and the use case behind their button
share."""

from enum import StrEnum

from services.registrations.domain.guards import Given, Stateful
from services.registrations.domain.registration_life import TABLE, Action, settled


class Stage(StrEnum):
    DONE = "done"  # done already: say so, even past the deadline
    OPEN = "open"  # the page's button will do it
    LAPSED = "lapsed"  # too late, or overtaken (a newer offer, a cancellation)


def link_stage(
    registration: Stateful, action: Action, given: Given, *, link_expired: bool = False
) -> Stage:
    """Where a link for `action` stands; an accept link names its offer in `given.offer`,
    and only that very offer counts as accepted."""
    if settled(registration, action) and given.offer in (None, registration.offers):
        return Stage.DONE
    if not link_expired and TABLE.allows(registration, action, given):
        return Stage.OPEN
    return Stage.LAPSED
