"""The routing plan: which office declares, inspects, releases and confirms exit.

Turns the clearance mode a declarant chose and the offices it named into a
``RoutingPlan`` (design notes, "Clearance modes"), or refuses the combination with every
field at fault. Transport is checked where the goods physically are (the office that
inspects and the exit port); under ``integrated`` the declaring office only handles papers.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from clearway_contracts.events.common import ClearanceMode, RoutingPlan, TransitTerms, TransportMode
from clearway_gateway.offices.models import Carriage, Office, OfficeKind
from clearway_platform.domain_errors import InvalidInput, Violation

CARRIAGE_OF: Mapping[TransportMode, Carriage] = {
    TransportMode.ROAD_SELF_DRIVE: Carriage.ROAD,
    TransportMode.ROAD_CAR_CARRIER: Carriage.ROAD,
    TransportMode.RAIL_CAR_CARRIER: Carriage.RAIL,
    TransportMode.RAIL_CONTAINER: Carriage.RAIL,
    TransportMode.SEA_RORO: Carriage.SEA,
    TransportMode.AIR: Carriage.AIR,
}


@dataclass(frozen=True)
class RouteRequest:
    """What the declarant asked for, in the public API's field names."""

    mode: ClearanceMode
    declaring_office: str
    transport: TransportMode
    exit_office: str | None = None
    departure_office: str | None = None
    transit: TransitTerms | None = None


class RouteRefused(InvalidInput):
    """The mode cannot be routed with these offices; the violations name each field."""

    def __init__(self, mode: ClearanceMode, violations: Sequence[Violation]) -> None:
        super().__init__(f"{mode} clearance cannot be routed this way", violations)


def plan_route(request: RouteRequest, offices: Mapping[str, Office]) -> RoutingPlan:
    """The plan for ``request``, or ``RouteRefused`` naming every field at fault."""
    planner = _PLANNERS[request.mode]
    violations: list[Violation] = []
    plan = planner(request, offices, violations)
    if violations or plan is None:
        raise RouteRefused(request.mode, violations)
    return plan


def _local(
    request: RouteRequest, offices: Mapping[str, Office], violations: list[Violation]
) -> RoutingPlan | None:
    declaring = _office(offices, "declaring_office", request.declaring_office, violations)
    if declaring and not declaring.is_port:
        violations.append(
            Violation(
                "declaring_office",
                f"local clearance is declared at a port; {_named(declaring)} is inland",
            )
        )
    if request.exit_office not in (None, request.declaring_office):
        violations.append(
            Violation("exit_office", "local clearance exits at its declaring office; leave it out")
        )
    _no_departure(request, violations)
    _no_transit_terms(request, violations)
    _served(declaring, request.transport, violations)
    if violations or declaring is None:
        return None
    code = declaring.code
    return RoutingPlan(
        mode=request.mode,
        declaring_office=code,
        inspection_office=code,
        release_office=code,
        exit_office=code,
    )


def _integrated(
    request: RouteRequest, offices: Mapping[str, Office], violations: list[Violation]
) -> RoutingPlan | None:
    declaring = _office(offices, "declaring_office", request.declaring_office, violations)
    exit_port = _exit_port(request, offices, violations)
    _no_departure(request, violations)
    _no_transit_terms(request, violations)
    _served(exit_port, request.transport, violations, field="exit_office")
    if violations or declaring is None or exit_port is None:
        return None
    return RoutingPlan(
        mode=request.mode,
        declaring_office=declaring.code,
        inspection_office=exit_port.code,
        release_office=exit_port.code,
        exit_office=exit_port.code,
    )


def _direct_transfer(
    request: RouteRequest, offices: Mapping[str, Office], violations: list[Violation]
) -> RoutingPlan | None:
    declaring = _office(offices, "declaring_office", request.declaring_office, violations)
    exit_port = _exit_port(request, offices, violations)
    departure = None
    if request.departure_office is None:
        violations.append(Violation("departure_office", "direct transfer needs a departure office"))
    else:
        departure = _office(offices, "departure_office", request.departure_office, violations)
    if departure and departure.kind is not OfficeKind.INLAND:
        violations.append(
            Violation(
                "departure_office", f"direct transfer departs inland; {_named(departure)} is a port"
            )
        )
    if departure and declaring and departure.code != declaring.code:
        violations.append(
            Violation("declaring_office", "direct transfer is declared at its departure office")
        )
    _sealed_with_time_limit(request.transit, violations)
    _served(departure, request.transport, violations, field="departure_office")
    _served(exit_port, request.transport, violations, field="exit_office")
    if violations or departure is None or exit_port is None:
        return None
    return RoutingPlan(
        mode=request.mode,
        declaring_office=departure.code,
        inspection_office=departure.code,
        release_office=departure.code,
        exit_office=exit_port.code,
        departure_office=departure.code,
    )


def _office(
    offices: Mapping[str, Office], field: str, code: str, violations: list[Violation]
) -> Office | None:
    office = offices.get(code)
    if office is None:
        violations.append(Violation(field, f"there is no customs office {code}"))
    return office


def _exit_port(
    request: RouteRequest, offices: Mapping[str, Office], violations: list[Violation]
) -> Office | None:
    if request.exit_office is None:
        violations.append(
            Violation("exit_office", f"{request.mode} clearance needs an exit office")
        )
        return None
    exit_port = _office(offices, "exit_office", request.exit_office, violations)
    if exit_port and not exit_port.is_port:
        violations.append(
            Violation("exit_office", f"goods exit at a port; {_named(exit_port)} is inland")
        )
        return None
    return exit_port


def _served(
    office: Office | None,
    transport: TransportMode,
    violations: list[Violation],
    *,
    field: str = "declaring_office",
) -> None:
    if office and not office.serves(CARRIAGE_OF[transport]):
        served = ", ".join(sorted(office.carriages))
        violations.append(
            Violation(
                "transport.mode",
                f"{_named(office)} ({field}) serves {served}, not {CARRIAGE_OF[transport]}",
            )
        )


def _no_departure(request: RouteRequest, violations: list[Violation]) -> None:
    if request.departure_office is not None:
        violations.append(
            Violation("departure_office", "only direct transfer has a departure office")
        )


def _no_transit_terms(request: RouteRequest, violations: list[Violation]) -> None:
    if request.transit is not None:
        violations.append(Violation("transit", "transit terms belong to direct transfer only"))


def _sealed_with_time_limit(transit: TransitTerms | None, violations: list[Violation]) -> None:
    if transit is None:
        violations.append(
            Violation("transit", "direct transfer needs transit terms: seals and a time limit")
        )
        return
    if not transit.seals:
        violations.append(Violation("transit.seals", "direct transfer travels under customs seal"))
    if transit.time_limit_hours <= 0:
        violations.append(
            Violation("transit.time_limit_hours", "direct transfer needs a positive time limit")
        )


def _named(office: Office) -> str:
    return f"{office.code} {office.name}"


_Planner = Callable[[RouteRequest, Mapping[str, Office], list[Violation]], RoutingPlan | None]

_PLANNERS: Mapping[ClearanceMode, _Planner] = {
    ClearanceMode.LOCAL: _local,
    ClearanceMode.INTEGRATED: _integrated,
    ClearanceMode.DIRECT_TRANSFER: _direct_transfer,
}
