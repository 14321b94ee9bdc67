"""Errors a service raises when a request cannot be carried out. Their messages are already in
the user's language, so views and the API show them as they are."""


class DomainError(Exception):
    """A request that breaks a business rule; nothing was written."""

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    def __str__(self) -> str:
        if self.details:
            return f"{self.message} " + "; ".join(self.details)
        return self.message


class NotPermitted(DomainError):
    """The user may not do this to this record."""


class NotFound(DomainError):
    """No such record, or one outside the user's scope: the two are indistinguishable on purpose."""


class TransitionNotAllowed(DomainError):
    """The action does not apply to the record's current state."""


class GuardFailed(DomainError):
    """The action applies, but something it needs is missing; `details` lists what."""
