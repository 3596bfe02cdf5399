"""The gateway's domain errors as problem+json (installed by its app)."""

from clearway_gateway.routing.models import RouteRefused
from clearway_platform.web.problems import DEFAULT_PROBLEMS, ProblemMap, ProblemType

PROBLEMS: ProblemMap = {**DEFAULT_PROBLEMS, RouteRefused: ProblemType(422, "Impossible routing")}
