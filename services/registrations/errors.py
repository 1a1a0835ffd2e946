"""Refusals of the registrations service, each with the HTTP status it maps to."""

from shared.errors import Conflict


class EventFull(Conflict):
    def __init__(self) -> None:
        super().__init__("All seats are taken: registration is full")


class AlreadyRegistered(Conflict):
    def __init__(self) -> None:
        super().__init__("This email address is already registered for this event")


class RegistrationClosed(Conflict):
    def __init__(self, state: str) -> None:
        super().__init__(f"Registration is not open ({state.replace('_', ' ')})")
        self.state = state
