"""From a domain error to the problem+json a client gets: one mapping per service.

``DEFAULT_PROBLEMS`` covers the four kinds of domain error; a service adds its own errors that
deserve their own title (``clearway_<service>.problems``) and hands the mapping to
``create_service_app``. A subclass without an entry takes its nearest ancestor's.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from clearway_contracts.problems import FieldError, Problem
from clearway_platform.domain_errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
)


@dataclass(frozen=True)
class ProblemType:
    status: int
    title: str


ProblemMap = Mapping[type[DomainError], ProblemType]

DEFAULT_PROBLEMS: ProblemMap = {
    NotFound: ProblemType(404, "Not Found"),
    Conflict: ProblemType(409, "Conflict"),
    InvalidInput: ProblemType(422, "Invalid request"),
    Forbidden: ProblemType(403, "Forbidden"),
}


def problem_for(error: DomainError, problems: ProblemMap = DEFAULT_PROBLEMS) -> Problem:
    kind = next((problems[cls] for cls in type(error).__mro__ if cls in problems), None)
    if kind is None:
        raise LookupError(f"no problem type for {type(error).__name__}") from error
    errors = [FieldError(v.field, v.reason) for v in error.violations]
    return Problem(kind.status, kind.title, error.detail, errors=errors)
