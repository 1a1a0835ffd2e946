"""Refusals of the registrations service, each with the HTTP status it maps to."""

from shared.errors import Conflict, Gone, Invalid, NotFound


class EventFull(Conflict):
    state = "full"  # as RegistrationClosed names why no registration is taken

    def __init__(self) -> None:
        super().__init__("All seats are taken: registration is full")


class RoomFullOnlineOpen(Conflict):
    """The room is full but online seats are free: the person chooses."""

    def __init__(self) -> None:
        super().__init__(
            "The room is full, but you can attend online: register with mode 'online', or "
            "join the waitlist with accept_waitlist"
        )


class AlreadyRegistered(Conflict):
    def __init__(self) -> None:
        super().__init__("This email address is already registered for this event")


class RegistrationClosed(Conflict):
    def __init__(self, state: str) -> None:
        super().__init__(f"Registration is not open ({state.replace('_', ' ')})")
        self.state = state


class BadLink(Invalid):
    def __init__(self) -> None:
        super().__init__("This link is not valid: use the latest email we sent you")


class ExpiredLink(Gone):
    def __init__(self) -> None:
        super().__init__("This link has expired")


class MistypedCode(Invalid):
    """The check symbol does not match, or the code is not made of our symbols."""

    def __init__(self) -> None:
        super().__init__("This code is not valid: check the characters")


class UnknownCode(NotFound):
    def __init__(self) -> None:
        super().__init__("No ticket with this code at this event")
