"""The release service's domain errors as problem+json (installed by its app)."""

from clearway_platform.web.problems import DEFAULT_PROBLEMS, ProblemMap

PROBLEMS: ProblemMap = DEFAULT_PROBLEMS
