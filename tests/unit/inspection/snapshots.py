"""Declarations as the declaration service publishes them, for the inspection tests."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from clearway_contracts.events.common import (
    AeoLevel,
    Declarant,
    DeclarationSnapshot,
    Item,
    Party,
    PowerType,
    RoutingPlan,
    Transport,
    TransportMode,
    Vehicle,
    VehicleCondition,
)

SILK_ROAD = Declarant(
    customs_code="6501234567",
    name="Silk Road Auto Export Co.",
    aeo_level=AeoLevel.ADVANCED_CERTIFIED,
)
CHONGQING_RAIL = Declarant(
    customs_code="5001987654",
    name="Chongqing Rail Motors Trading",
    aeo_level=AeoLevel.REGISTERED,
)


def car(
    line: int = 1,
    *,
    vin: str = "LSVAU2180N2183294",
    power: PowerType = PowerType.PETROL,
    condition: VehicleCondition = VehicleCondition.NEW,
    value: str = "18000",
    plate: str | None = None,
) -> Item:
    return Item(
        line=line,
        hs_code="870323",
        description="passenger car",
        quantity=Decimal(1),
        unit="unit",
        value=Decimal(value),
        currency="USD",
        origin_country="CN",
        vehicle=Vehicle(
            vin=vin, make="Chery", model="Tiggo 7", power=power, condition=condition, plate=plate
        ),
    )


def snapshot(
    *,
    items: list[Item] | None = None,
    declarant: Declarant = SILK_ROAD,
    destination: str = "KZ",
    inspection_office: str = "8021",
    declaration_id: UUID | None = None,
    revision: int = 1,
    customs_number: str | None = None,
    **overrides: Any,
) -> DeclarationSnapshot:
    return DeclarationSnapshot(
        declaration_id=declaration_id or uuid4(),
        customs_number=customs_number or f"80212026{uuid4().int % 10**10:010d}",
        revision=revision,
        declarant=declarant,
        exporter=Party(name=declarant.name, country="CN"),
        consignee=Party(name="Astana Motors LLP", country=destination),
        destination_country=destination,
        routing=RoutingPlan(
            mode="local",
            declaring_office=inspection_office,
            inspection_office=inspection_office,
            release_office=inspection_office,
            exit_office=inspection_office,
        ),
        transport=Transport(mode=TransportMode.ROAD_CAR_CARRIER, means_id="新A12345"),
        items=items or [car()],
        accepted_at=datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
        **overrides,
    )
