"""Request bodies: the public ones a forwarder's ERP sends to the gateway, and the ones the
gateway forwards to the declaration service (the same content with a routing plan)."""

from decimal import Decimal
from typing import Any
from uuid import uuid4

from clearway_declaration.declarations.vin import check_digit

# Real VINs whose check digits are right (Honda Accord, MCI coach, Saturn Vue).
REAL_VINS = ("1HGCM82633A004352", "1M8GDM9AXKP042788", "5GZCZ43D13S812715")
DECLARANT = "6501234567"
OTHER_DECLARANT = "5001987654"
SILK_ROAD = {
    "customs_code": DECLARANT,
    "name": "Silk Road Auto Export Co.",
    "aeo_level": "advanced_certified",
}
CHONGQING_RAIL = {
    "customs_code": OTHER_DECLARANT,
    "name": "Chongqing Rail Motors Trading",
    "aeo_level": "registered",
}

ROUTINGS: dict[str, dict[str, Any]] = {
    "local": {
        "mode": "local",
        "declaring_office": "8021",
        "inspection_office": "8021",
        "release_office": "8021",
        "exit_office": "8021",
    },
    "integrated": {
        "mode": "integrated",
        "declaring_office": "8601",
        "inspection_office": "8021",
        "release_office": "8021",
        "exit_office": "8021",
    },
    "direct_transfer": {
        "mode": "direct_transfer",
        "declaring_office": "8601",
        "inspection_office": "8601",
        "release_office": "8601",
        "exit_office": "8021",
        "departure_office": "8601",
    },
}

TRANSIT = {
    "seals": ["CN8601-000123", "CN8601-000124"],
    "time_limit_hours": 96,
    "route": "Chongqing - Lanzhou - Urumqi - Horgos",
    "carrier": "China Railway Container Transport",
}


def fresh_vin() -> str:
    """A VIN no other test uses, with a correct check digit (a Chinese-made car's shape)."""
    # 12 random hex digits (hex holds no I, O or Q): a benchmark lodging 30,000 VINs would
    # collide about once with the 7 it had before (the birthday bound, n**2 / 2 / 16**7).
    random = uuid4().hex[:12].upper()
    vin = f"LRW{random[:5]}0P{random[5:]}"
    return vin[:8] + check_digit(vin) + vin[9:]


def vehicle_item(
    line: int,
    vin: str,
    *,
    hs_code: str = "8703800010",
    description: str = "Battery-electric passenger car, 5 seats",
    value: str = "25000.00",
    **vehicle: Any,
) -> dict[str, Any]:
    return {
        "line": line,
        "hs_code": hs_code,
        "description": description,
        "quantity": "1",
        "unit": "PCE",
        "value": value,
        "currency": "USD",
        "origin_country": "CN",
        "vehicle": {
            "vin": vin,
            "make": "Tesla",
            "model": "Model Y",
            "power": "bev",
            "condition": "new",
            **vehicle,
        },
    }


def content(
    items: list[dict[str, Any]],
    *,
    declarant: dict[str, str] = SILK_ROAD,
    transport: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What a declarant declares: parties, destination, transport, items and their totals."""
    total = sum(Decimal(item["value"]) for item in items)
    return {
        "declarant": declarant,
        "exporter": {"name": declarant["name"], "country": "CN", "code": declarant["customs_code"]},
        "consignee": {"name": "Almaty Motors LLP", "country": "KZ"},
        "destination_country": "KZ",
        "transport": transport or {"mode": "road_car_carrier", "means_id": "新A12345"},
        "items": items,
        "totals": {"item_count": len(items), "value": {"USD": f"{total:.2f}"}},
    }


def declaration(
    *, vins: list[str] | None = None, mode: str = "local", declarant: str = DECLARANT
) -> dict[str, Any]:
    """A create body as the gateway forwards it: the public content plus its routing plan."""
    vins = vins if vins is not None else [fresh_vin()]
    party = SILK_ROAD if declarant == DECLARANT else {**SILK_ROAD, "customs_code": declarant}
    items = [vehicle_item(line, vin) for line, vin in enumerate(vins, start=1)]
    body = content(items, declarant=party) | {"routing": ROUTINGS[mode]}
    if mode == "direct_transfer":
        body["transport"] = {"mode": "rail_car_carrier", "means_id": "X8052"}
        body["transit"] = TRANSIT
    return body


# Public bodies, as a forwarder's ERP sends them to the gateway.


def car(line: int, *, used: bool = False, power: str = "petrol") -> dict[str, Any]:
    """A petrol car line; used ones with their deregistration and export licence numbers."""
    papers = (
        {
            "deregistration_certificate": f"DR-6501-{line:06d}",
            "export_licence": f"EL-2026-{line:06d}",
        }
        if used
        else {}
    )
    return vehicle_item(
        line,
        fresh_vin(),
        hs_code="8703239090",
        description="Petrol passenger car, 1.5 l, 5 seats",
        value="14800.00",
        make="Changan",
        model="CS75 Plus",
        power=power,
        condition="used" if used else "new",
        **(papers if used else {}),
    )


def public_declaration(
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
    body = {"mode": mode, "declaring_office": declaring_office} | content(
        items,
        declarant=declarant,
        transport=transport or {"mode": "road_self_drive", "means_id": "新F·A1234"},
    )
    if exit_office:
        body["exit_office"] = exit_office
    if departure_office:
        body["departure_office"] = departure_office
    return body


def local_car(*, used: bool = False) -> dict[str, Any]:
    """A car declared, inspected, released and exiting at Horgos."""
    return public_declaration(mode="local", declaring_office="8021", used=used)


def integrated_used_car() -> dict[str, Any]:
    """Declared in Chongqing, inspected and released at the Horgos exit port."""
    return public_declaration(
        mode="integrated",
        declaring_office="8601",
        exit_office="8021",
        used=True,
        transport={"mode": "road_car_carrier", "means_id": "渝A·C4521"},
    )


def car_carrier_train(cars: int = 6) -> dict[str, Any]:
    """A direct transfer: sealed at a Chongqing rail station, exits at Horgos."""
    body = public_declaration(
        mode="direct_transfer",
        declaring_office="8601",
        departure_office="8601",
        exit_office="8021",
        cars=cars,
        declarant=CHONGQING_RAIL,
        transport={"mode": "rail_car_carrier", "means_id": "X8052"},
    )
    body["transit"] = TRANSIT
    return body


def vins(body: dict[str, Any]) -> list[str]:
    return [item["vehicle"]["vin"] for item in body["items"]]
