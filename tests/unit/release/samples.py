"""Declarations as the release service sees them, for the unit tests."""

from uuid import UUID, uuid4

from clearway_contracts.events.common import (
    ClearanceMode,
    RoutingPlan,
    TransitTerms,
    Transport,
    TransportMode,
)
from clearway_release.cases.models import DeclarationFacts

VINS = ("LSGKB54E8PS012345", "LSGKB54E8PS012346")


def local(*, revision: int = 1, vins: tuple[str, ...] = VINS) -> DeclarationFacts:
    return DeclarationFacts(
        revision=revision,
        customs_number="802120260000000042",
        declarant="6501234567",
        routing=RoutingPlan(
            mode=ClearanceMode.LOCAL,
            declaring_office="8021",
            inspection_office="8021",
            release_office="8021",
            exit_office="8021",
        ),
        transport=Transport(mode=TransportMode.ROAD_CAR_CARRIER, means_id="新A12345"),
        vins=vins,
    )


def direct_transfer(*, revision: int = 1) -> DeclarationFacts:
    return DeclarationFacts(
        revision=revision,
        customs_number="860120260000000007",
        declarant="5001987654",
        routing=RoutingPlan(
            mode=ClearanceMode.DIRECT_TRANSFER,
            declaring_office="8601",
            inspection_office="8601",
            release_office="8601",
            exit_office="8021",
            departure_office="8601",
        ),
        transport=Transport(mode=TransportMode.RAIL_CAR_CARRIER, means_id="X8017"),
        transit=TransitTerms(
            seals=["CN8601-0001", "CN8601-0002"],
            time_limit_hours=72,
            route="Chongqing - Xi'an - Urumqi - Horgos",
            carrier="China Railway Container Transport",
        ),
        vins=VINS,
    )


def declaration_id() -> UUID:
    return uuid4()
