"""Public request bodies, as a forwarder's ERP sends them to the gateway."""

from decimal import Decimal
from typing import Any

from tests.unit.declaration.samples import fresh_vin

SILK_ROAD = {
    "customs_code": "6501234567",
    "name": "Silk Road Auto Export Co.",
    "aeo_level": "advanced_certified",
}
CHONGQING_RAIL = {
    "customs_code": "5001987654",
    "name": "Chongqing Rail Motors Trading",
    "aeo_level": "registered",
}


def car(line: int, *, used: bool = False, power: str = "petrol") -> dict[str, Any]:
    vehicle: dict[str, Any] = {
        "vin": fresh_vin(),
        "make": "Changan",
        "model": "CS75 Plus",
        "power": power,
        "condition": "used" if used else "new",
    }
    if used:
        vehicle["deregistration_certificate"] = f"DR-6501-{line:06d}"
        vehicle["export_licence"] = f"EL-2026-{line:06d}"
    return {
        "line": line,
        "hs_code": "8703239090",
        "description": "Petrol passenger car, 1.5 l, 5 seats",
        "quantity": "1",
        "unit": "PCE",
        "value": "14800.00",
        "currency": "USD",
        "origin_country": "CN",
        "vehicle": vehicle,
    }


def declaration(
    *,
    mode: str,
    declaring_office: str,
    cars: int = 1,
    used: bool = False,
    exit_office: str | None = None,
    departure_office: str | None = None,
    transport: dict[str, str] | None = None,
    declarant: dict[str, str] = SILK_ROAD,
) -> dict[str, Any]:
    items = [car(line, used=used) for line in range(1, cars + 1)]
    total = sum(Decimal(item["value"]) for item in items)
    body: dict[str, Any] = {
        "mode": mode,
        "declaring_office": declaring_office,
        "declarant": declarant,
        "exporter": {"name": declarant["name"], "country": "CN", "code": declarant["customs_code"]},
        "consignee": {"name": "Almaty Motors LLP", "country": "KZ"},
        "destination_country": "KZ",
        "transport": transport or {"mode": "road_self_drive", "means_id": "新F·A1234"},
        "items": items,
        "totals": {"item_count": len(items), "value": {"USD": f"{total:.2f}"}},
    }
    if exit_office:
        body["exit_office"] = exit_office
    if departure_office:
        body["departure_office"] = departure_office
    return body


def local_car(*, used: bool = False) -> dict[str, Any]:
    """A car declared, inspected, released and exiting at Horgos."""
    return declaration(mode="local", declaring_office="8021", used=used)


def integrated_used_car() -> dict[str, Any]:
    """Declared in Chongqing, inspected and released at the Horgos exit port."""
    return declaration(
        mode="integrated",
        declaring_office="8601",
        exit_office="8021",
        used=True,
        transport={"mode": "road_car_carrier", "means_id": "渝A·C4521"},
    )


def car_carrier_train(cars: int = 6) -> dict[str, Any]:
    """A direct transfer: sealed at a Chongqing rail station, exits at Horgos."""
    body = declaration(
        mode="direct_transfer",
        declaring_office="8601",
        departure_office="8601",
        exit_office="8021",
        cars=cars,
        declarant=CHONGQING_RAIL,
        transport={"mode": "rail_car_carrier", "means_id": "X8052"},
    )
    body["transit"] = {
        "seals": ["CN8601-000123", "CN8601-000124"],
        "time_limit_hours": 96,
        "route": "Chongqing - Lanzhou - Urumqi - Horgos",
        "carrier": "China Railway Container Transport",
    }
    return body


def vins(body: dict[str, Any]) -> list[str]:
    return [item["vehicle"]["vin"] for item in body["items"]]
