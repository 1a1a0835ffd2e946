"""Domain errors that reach users as a 4xx with a message a person can act on."""


class UserFacingError(Exception):
    """A refusal the user can understand; `status` is the HTTP status it maps to."""

    status = 400

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class NotFound(UserFacingError):
    status = 404


class Conflict(UserFacingError):
    status = 409


class Invalid(UserFacingError):
    status = 422


class Forbidden(UserFacingError):
    status = 403


class Unauthorized(UserFacingError):
    status = 401


class Gone(UserFacingError):
    status = 410
