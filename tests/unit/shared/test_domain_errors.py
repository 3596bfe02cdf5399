"""Use cases refuse with domain errors; each service maps them once to problem+json."""

import importlib
import pkgutil
from types import ModuleType

import pytest

from clearway_contracts.events.common import ClearanceMode
from clearway_declaration.declarations.models import InvalidDeclaration, VehicleAlreadyDeclared
from clearway_gateway.routing.models import RouteRefused
from clearway_inspection.inspections.models import CannotPass, Shortfall
from clearway_platform.domain_errors import DomainError, NotFound, Violation
from clearway_platform.web.problems import ProblemMap, problem_for

SERVICES = ["declaration", "inspection", "release", "gateway"]


def mapping(service: str) -> ProblemMap:
    problems: ProblemMap = importlib.import_module(f"clearway_{service}.problems").PROBLEMS
    return problems


def errors_defined_in(package: ModuleType) -> set[type[DomainError]]:
    found: set[type[DomainError]] = set()
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        for value in vars(importlib.import_module(module.name)).values():
            ours = isinstance(value, type) and value.__module__.startswith(package.__name__)
            if ours and issubclass(value, DomainError):
                found.add(value)
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_every_error_a_service_raises_has_its_problem(service: str) -> None:
    problems = mapping(service)
    package = importlib.import_module(f"clearway_{service}")
    for error in errors_defined_in(package):
        assert any(cls in problems for cls in error.__mro__), error


def test_the_bodies_name_the_fields_at_fault_as_before() -> None:
    invalid = problem_for(
        InvalidDeclaration([Violation("items[0].vehicle.vin", "bad check digit")]),
        mapping("declaration"),
    )
    assert (invalid.status, invalid.title) == (422, "Invalid declaration")
    assert invalid.body()["errors"] == [
        {"field": "items[0].vehicle.vin", "reason": "bad check digit"}
    ]

    taken = problem_for(VehicleAlreadyDeclared(["items[1].vehicle.vin"]), mapping("declaration"))
    assert (taken.status, taken.title) == (409, "Vehicle already declared")

    incomplete = problem_for(
        CannotPass([Shortfall("LSVAU2180N0000001", "no finding recorded")]), mapping("inspection")
    )
    assert (incomplete.status, incomplete.title) == (409, "Inspection incomplete")
    assert incomplete.errors[0].field == "vehicles.LSVAU2180N0000001"

    route = RouteRefused(ClearanceMode.LOCAL, [Violation("exit_office", "x")])
    refused = problem_for(route, mapping("gateway"))
    assert (refused.status, refused.title, refused.detail) == (
        422,
        "Impossible routing",
        "local clearance cannot be routed this way",
    )

    missing = problem_for(NotFound("declaration"), mapping("release"))
    assert (missing.status, missing.detail) == (404, "declaration does not exist or is not yours")
