"""The declaration service's domain errors as problem+json (installed by its app)."""

from clearway_declaration.declarations.models import InvalidDeclaration, VehicleAlreadyDeclared
from clearway_platform.web.problems import DEFAULT_PROBLEMS, ProblemMap, ProblemType

PROBLEMS: ProblemMap = {
    **DEFAULT_PROBLEMS,
    InvalidDeclaration: ProblemType(422, "Invalid declaration"),
    VehicleAlreadyDeclared: ProblemType(409, "Vehicle already declared"),
}
