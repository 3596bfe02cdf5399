"""The inspection service's domain errors as problem+json (installed by its app)."""

from clearway_inspection.inspections.models import CannotPass
from clearway_platform.web.problems import DEFAULT_PROBLEMS, ProblemMap, ProblemType

PROBLEMS: ProblemMap = {**DEFAULT_PROBLEMS, CannotPass: ProblemType(409, "Inspection incomplete")}
