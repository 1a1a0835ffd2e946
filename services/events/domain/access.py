"""Who is acting, for which organization, with which role; and what each role may do.

The roles are not a ladder: door staff ("addetto all'accoglienza") checks people in and reads
nothing else, not even what a viewer reads. So each action names the roles allowed to do it.
"""

from dataclasses import dataclass
from enum import StrEnum

from shared.errors import Forbidden

ROLES = ("owner", "editor", "door", "viewer")  # the order lists offer them in


class Action(StrEnum):
    READ = "read"  # events, programme, directories, revisions, legal pages
    EDIT = "edit"  # events, programme, directories, legal pages
    CHECK_IN = "check_in"  # the check-in page of an event, and nothing else of it
    REGISTRATIONS = "registrations"  # the registrations list and its exports
    TOKENS = "tokens"
    COLLEAGUES = "colleagues"  # invite, change a role, remove
    AUDIT = "audit"  # read the audit log
    WEBHOOKS = "webhooks"  # endpoints, their secrets and delivery log


MAY: dict[Action, frozenset[str]] = {
    Action.READ: frozenset({"owner", "editor", "viewer"}),
    Action.EDIT: frozenset({"owner", "editor"}),
    Action.CHECK_IN: frozenset({"owner", "editor", "door", "viewer"}),
    Action.REGISTRATIONS: frozenset({"owner", "editor", "viewer"}),
    Action.TOKENS: frozenset({"owner"}),
    Action.COLLEAGUES: frozenset({"owner"}),
    Action.AUDIT: frozenset({"owner"}),
    Action.WEBHOOKS: frozenset({"owner"}),
}


def may(role: str, action: Action) -> bool:
    """Whether `role` may do `action`; an unknown role may do nothing."""
    return role in MAY[action]


class RoleRefused(Forbidden):
    """This role may not do this: the page names the role, in the reader's language."""

    def __init__(self, role: str, action: Action) -> None:
        super().__init__(f"Your role ({role}) does not allow this ({action})")
        self.role = role
        self.action = action


@dataclass(frozen=True)
class Principal:
    """An organizer (logged in, or through an API token) acting for one organization."""

    organization_id: int
    organization_slug: str
    organization_name: str
    role: str
    actor: str  # the account's email, or "token:<name>", for the revision history

    def require(self, action: Action) -> None:
        """Refuse unless this principal's role may do `action`."""
        if not may(self.role, action):
            raise RoleRefused(self.role, action)

    def may(self, action: str) -> bool:
        return may(self.role, Action(action))

    @property
    def can_edit(self) -> bool:
        return may(self.role, Action.EDIT)
