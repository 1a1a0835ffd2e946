"""Who is acting, for which organization, with which role; and what each role may do."""

from dataclasses import dataclass

from shared.errors import Forbidden

ROLES = ("viewer", "editor", "owner")


@dataclass(frozen=True)
class Principal:
    """An organizer (logged in, or through an API token) acting for one organization."""

    organization_id: int
    organization_slug: str
    organization_name: str
    role: str
    actor: str  # the account's email, or "token:<name>", for the revision history

    def require(self, role: str) -> None:
        """Refuse unless this principal's role is at least `role`."""
        if ROLES.index(self.role) < ROLES.index(role):
            raise Forbidden(f"This needs the {role} role; you are {self.role}")

    @property
    def can_edit(self) -> bool:
        return ROLES.index(self.role) >= ROLES.index("editor")
