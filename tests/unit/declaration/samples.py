"""Request bodies for declaration tests: valid by default, each test breaks what it checks."""

from typing import Any
from uuid import uuid4

from clearway_declaration.declarations.vin import check_digit

# Real VINs whose check digits are right (Honda Accord, MCI coach, Saturn Vue).
REAL_VINS = ("1HGCM82633A004352", "1M8GDM9AXKP042788", "5GZCZ43D13S812715")
DECLARANT = "6501234567"
OTHER_DECLARANT = "5001987654"

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


def vehicle_item(line: int, vin: str, **vehicle: Any) -> dict[str, Any]:
    return {
        "line": line,
        "hs_code": "8703800010",
        "description": "Battery-electric passenger car, 5 seats",
        "quantity": "1",
        "unit": "PCE",
        "value": "25000.00",
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


def declaration(
    *, vins: list[str] | None = None, mode: str = "local", declarant: str = DECLARANT
) -> dict[str, Any]:
    """A create body as the gateway forwards it: the public body plus its routing plan."""
    vins = vins if vins is not None else [fresh_vin()]
    items = [vehicle_item(line, vin) for line, vin in enumerate(vins, start=1)]
    body: dict[str, Any] = {
        "declarant": {
            "customs_code": declarant,
            "name": "Silk Road Auto Export Co.",
            "aeo_level": "advanced_certified",
        },
        "exporter": {"name": "Silk Road Auto Export Co.", "country": "CN", "code": declarant},
        "consignee": {"name": "Almaty Motors LLP", "country": "KZ"},
        "destination_country": "KZ",
        "transport": {"mode": "road_car_carrier", "means_id": "新A12345"},
        "items": items,
        "totals": {"item_count": len(items), "value": {"USD": f"{25000 * len(items)}.00"}},
        "routing": ROUTINGS[mode],
    }
    if mode == "direct_transfer":
        body["transport"] = {"mode": "rail_car_carrier", "means_id": "X8052"}
        body["transit"] = TRANSIT
    return body
