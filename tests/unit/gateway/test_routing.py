"""Routing plans per clearance mode, and the combinations that are refused."""

import pytest

from clearway_contracts.events.common import ClearanceMode, RoutingPlan, TransitTerms, TransportMode
from clearway_gateway.offices.reference import DEMO_OFFICES
from clearway_gateway.routing.models import RouteRefused, RouteRequest, plan_route

OFFICES = {office.code: office for office in DEMO_OFFICES}
SEALED = TransitTerms(seals=["CN-SEAL-001"], time_limit_hours=96, route="CKG-HRG", carrier="CR")
LOCAL, INTEGRATED, DIRECT = ClearanceMode


def refused_fields(request: RouteRequest) -> dict[str, str]:
    with pytest.raises(RouteRefused) as refused:
        plan_route(request, OFFICES)
    return {v.field: v.reason for v in refused.value.violations}


def test_local_is_declared_inspected_released_and_exited_at_one_port() -> None:
    request = RouteRequest(
        mode=LOCAL, declaring_office="8021", transport=TransportMode.ROAD_SELF_DRIVE
    )
    assert plan_route(request, OFFICES) == RoutingPlan(
        mode=LOCAL,
        declaring_office="8021",
        inspection_office="8021",
        release_office="8021",
        exit_office="8021",
    )


def test_integrated_is_inspected_and_released_at_the_exit_port() -> None:
    request = RouteRequest(
        mode=INTEGRATED,
        declaring_office="8601",
        exit_office="8021",
        transport=TransportMode.ROAD_CAR_CARRIER,
    )
    plan = plan_route(request, OFFICES)
    assert (
        plan.declaring_office,
        plan.inspection_office,
        plan.release_office,
        plan.exit_office,
    ) == ("8601", "8021", "8021", "8021")


def test_direct_transfer_is_released_at_departure_and_exits_at_the_port() -> None:
    request = RouteRequest(
        mode=DIRECT,
        declaring_office="8601",
        departure_office="8601",
        exit_office="8021",
        transport=TransportMode.RAIL_CAR_CARRIER,
        transit=SEALED,
    )
    assert plan_route(request, OFFICES) == RoutingPlan(
        mode=DIRECT,
        declaring_office="8601",
        inspection_office="8601",
        release_office="8601",
        exit_office="8021",
        departure_office="8601",
    )


def test_local_at_an_inland_office_is_refused() -> None:
    request = RouteRequest(
        mode=LOCAL, declaring_office="8001", transport=TransportMode.RAIL_CONTAINER
    )
    assert "is inland" in refused_fields(request)["declaring_office"]


def test_direct_transfer_without_departure_seals_or_time_limit_names_each_field() -> None:
    request = RouteRequest(
        mode=DIRECT,
        declaring_office="8601",
        exit_office="8021",
        transport=TransportMode.RAIL_CAR_CARRIER,
        transit=TransitTerms(seals=[], time_limit_hours=0, route="CKG-HRG", carrier="CR"),
    )
    assert set(refused_fields(request)) == {
        "departure_office",
        "transit.seals",
        "transit.time_limit_hours",
    }


def test_direct_transfer_without_transit_terms_is_refused() -> None:
    request = RouteRequest(
        mode=DIRECT,
        declaring_office="8601",
        departure_office="8601",
        exit_office="8021",
        transport=TransportMode.RAIL_CAR_CARRIER,
    )
    assert set(refused_fields(request)) == {"transit"}


def test_the_exit_office_must_be_a_port() -> None:
    request = RouteRequest(
        mode=INTEGRATED, declaring_office="8021", exit_office="8001", transport=TransportMode.AIR
    )
    assert "is inland" in refused_fields(request)["exit_office"]


def test_integrated_needs_an_exit_office() -> None:
    request = RouteRequest(
        mode=INTEGRATED, declaring_office="8601", transport=TransportMode.RAIL_CONTAINER
    )
    assert "exit_office" in refused_fields(request)


def test_the_transport_must_be_served_where_the_goods_are() -> None:
    request = RouteRequest(mode=LOCAL, declaring_office="8021", transport=TransportMode.SEA_RORO)
    assert "not sea" in refused_fields(request)["transport.mode"]


def test_an_unknown_office_is_named() -> None:
    request = RouteRequest(mode=LOCAL, declaring_office="9999", transport=TransportMode.AIR)
    assert refused_fields(request) == {"declaring_office": "there is no customs office 9999"}


def test_transit_terms_outside_direct_transfer_are_refused() -> None:
    request = RouteRequest(
        mode=LOCAL, declaring_office="8021", transport=TransportMode.ROAD_SELF_DRIVE, transit=SEALED
    )
    assert set(refused_fields(request)) == {"transit"}


def test_direct_transfer_is_declared_at_its_departure_office() -> None:
    request = RouteRequest(
        mode=DIRECT,
        declaring_office="8001",
        departure_office="8601",
        exit_office="8021",
        transport=TransportMode.RAIL_CAR_CARRIER,
        transit=SEALED,
    )
    assert set(refused_fields(request)) == {"declaring_office"}
