"""What a use case says when it refuses: domain errors, turned into problem+json at the edge.

Use cases and domain models raise these, never HTTP problems. Each service maps them once to a
status and a title (its ``problems`` module, installed by ``create_service_app``); a service's
own error is a subclass of one of the four below, so the mapping always finds its kind. When one
is raised inside a unit of work, nothing is stored: the unit of work rolls back.
"""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """One field at fault: ``field`` is a path into the request (``items[2].vehicle.vin``)."""

    field: str
    reason: str


class DomainError(Exception):
    def __init__(self, detail: str, violations: Sequence[Violation] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.violations = tuple(violations)

    def __str__(self) -> str:
        return self.detail


class NotFound(DomainError):
    """It does not exist, or it is not the caller's: both answer the same, so nothing leaks."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} does not exist or is not yours")


class Conflict(DomainError):
    """The request is well formed, but the resource's current state does not allow it."""


class InvalidInput(DomainError):
    """The request breaks a rule; ``violations`` name the fields at fault."""

    @classmethod
    def at(cls, field: str, reason: str) -> "InvalidInput":
        """One field at fault; the reason is also the detail."""
        return cls(reason, [Violation(field, reason)])


class Forbidden(DomainError):
    """The caller's role or scope may not do this."""
