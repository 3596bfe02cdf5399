"""Three declarations on the full export form, as an ERP sends them: a BYD EV to Kazakhstan by
road from Horgos, a train of Changan cars from Chongqing to Uzbekistan, used Toyota Corollas by
sea from Qingdao to Russia. The OpenAPI document shows them, docs/examples holds them, and the
end-to-end tests lodge them.

The parties are fictional (their credit codes carry a right check character, nothing more);
the codes of the form are from the shipped code lists (docs/declaration-form.md).
"""

from typing import Any

SILK_ROAD_UNIT = {
    "name": "Silk Road Auto Export Co.",
    "credit_code": "91650004MA7XK1R20X",
    "customs_code": "6501234567",
}
CHONGQING_RAIL_UNIT = {
    "name": "Chongqing Rail Motors Trading",
    "credit_code": "91500000MA60Q8T30P",
    "customs_code": "5001987654",
}
QINGDAO_UNIT = {
    "name": "Silk Road Auto Export Co. (Qingdao branch)",
    "credit_code": "91370211MA3UC7N50R",
    "customs_code": "6501234567",
}
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


def _car_form(*, price: str, kg: str, elements: str, destination: str) -> dict[str, Any]:
    """A car line's form fields: one vehicle (辆), its weight as the second legal unit (千克)."""
    return {
        "declaration_elements": elements,
        "declared_unit": "003",
        "legal_quantity": "1",
        "legal_unit": "003",
        "second_quantity": kg,
        "second_unit": "035",
        "unit_price": price,
        "final_destination_country": destination,
        "levy_treatment": "1",
    }


BYD_EV_HORGOS: dict[str, Any] = {
    "mode": "local",
    "declaring_office": "8021",
    "declarant": SILK_ROAD,
    "exporter": {"name": "Silk Road Auto Export Co.", "country": "CN", "code": "6501234567"},
    "consignee": {"name": "Almaty Motors LLP", "country": "KZ"},
    "destination_country": "KZ",
    "transport": {"mode": "road_car_carrier", "means_id": "新F·A1234"},
    "items": [
        {
            "line": 1,
            "hs_code": "8703800090",
            "description": "BYD Atto 3 battery electric passenger car",
            "quantity": "1",
            "unit": "PCE",
            "value": "18500.00",
            "currency": "USD",
            "origin_country": "CN",
            "vehicle": {
                "vin": "LGXCE6CB3T0018806",
                "make": "BYD",
                "model": "Atto 3",
                "power": "bev",
                "condition": "new",
                "model_year": 2026,
                "battery": {
                    "chemistry": "lithium_iron_phosphate",
                    "energy_kwh": "60.480",
                    "un_number": "UN3556",
                    "hazard_class": "9",
                    "test_summary": "UN38.3-TS-BYD-BLADE-60-2025-0412",
                },
            },
            "form": _car_form(
                price="18500.0000",
                kg="1750",
                elements="乘用车|纯电动|5座|比亚迪牌|Atto 3|新车|VIN LGXCE6CB3T0018806",
                destination="KZ",
            ),
        }
    ],
    "totals": {"item_count": 1, "value": {"USD": "18500.00"}},
    "form": {
        "declaring_customs": "8021",
        "exit_customs": "8021",
        "export_date": "2026-03-02",
        "declaration_date": "2026-03-01",
        "domestic_consignor": SILK_ROAD_UNIT,
        "production_sales_unit": SILK_ROAD_UNIT,
        "transport_mode": "4",
        "voyage_number": "HRG-0302-1",
        "bill_of_lading": "CMR-KZ-2026-000118",
        "supervision_mode": "0110",
        "levy_nature": "101",
        "licence_number": "26-XJ-EV-000318",
        "contract_number": "SR-ALM-2026-017",
        "trading_country": "KZ",
        "port_of_destination": "Almaty",
        "departure_port": "Horgos",
        "package_type": "01",
        "package_count": 1,
        "gross_weight_kg": "1750",
        "net_weight_kg": "1750",
        "transaction_terms": "3",
        "other_charges": {"amount": "120.00", "currency": "USD"},
        "documents": [{"type": "4", "number": "26-XJ-EV-000318"}],
        "marks_and_remarks": "N/M; UN3556 class 9, battery installed",
    },
}

_CHANGAN_VINS = ("LS5A3DKE4TA104711", "LS5A3DKE6TA104712", "LS5A3DKE8TA104713")
CHANGAN_TRAIN_CHONGQING: dict[str, Any] = {
    "mode": "integrated",
    "declaring_office": "8601",
    "exit_office": "8021",
    "declarant": CHONGQING_RAIL,
    "exporter": {"name": "Chongqing Rail Motors Trading", "country": "CN", "code": "5001987654"},
    "consignee": {"name": "Tashkent Avto Savdo LLC", "country": "UZ"},
    "destination_country": "UZ",
    "transport": {"mode": "rail_car_carrier", "means_id": "X8052"},
    "consignment_reference": "CQ-TAS-2026-0217",
    "items": [
        {
            "line": line,
            "hs_code": "8703229090",
            "description": "Changan CS55 Plus petrol SUV, 1.5 l turbo",
            "quantity": "1",
            "unit": "PCE",
            "value": "11800.00",
            "currency": "USD",
            "origin_country": "CN",
            "vehicle": {
                "vin": vin,
                "make": "Changan",
                "model": "CS55 Plus",
                "power": "petrol",
                "condition": "new",
                "model_year": 2026,
            },
            "form": _car_form(
                price="11800.0000",
                kg="1530",
                elements=f"乘用车|汽油|1.5T|5座|长安牌|CS55 PLUS|新车|VIN {vin}",
                destination="UZ",
            ),
        }
        for line, vin in enumerate(_CHANGAN_VINS, start=1)
    ],
    "totals": {"item_count": 3, "value": {"USD": "35400.00"}},
    "form": {
        "declaring_customs": "8601",
        "exit_customs": "8021",
        "export_date": "2026-03-05",
        "declaration_date": "2026-03-01",
        "domestic_consignor": CHONGQING_RAIL_UNIT,
        "production_sales_unit": CHONGQING_RAIL_UNIT,
        "transport_mode": "3",
        "voyage_number": "X8052/20260301",
        "bill_of_lading": "SMGS-CQ-TAS-2026-00217",
        "supervision_mode": "0110",
        "levy_nature": "101",
        "licence_number": "26-CQ-AU-004471",
        "contract_number": "CRM-TAS-2026-009",
        "trading_country": "UZ",
        "port_of_destination": "Tashkent",
        "departure_port": "Horgos",
        "package_type": "01",
        "package_count": 3,
        "gross_weight_kg": "4590",
        "net_weight_kg": "4590",
        "transaction_terms": "1",
        "freight": {"amount": "5400.00", "currency": "USD"},
        "insurance": {"amount": "106.20", "currency": "USD"},
        "other_charges": {"amount": "300.00", "currency": "USD"},
        "documents": [{"type": "4", "number": "26-CQ-AU-004471"}],
        "marks_and_remarks": "N/M; car-carrier wagons, train X8052",
    },
}

_COROLLAS = (
    ("LFMAPE2E3K0031250", "2019-05-14", 68400, "8900.00"),
    ("LFMAPE2E1K0031327", "2019-08-02", 54210, "9400.00"),
)
USED_COROLLAS_QINGDAO: dict[str, Any] = {
    "mode": "local",
    "declaring_office": "4258",
    "declarant": SILK_ROAD,
    "exporter": {"name": "Silk Road Auto Export Co.", "country": "CN", "code": "6501234567"},
    "consignee": {"name": "Primorye Auto Import LLC", "country": "RU"},
    "destination_country": "RU",
    "transport": {"mode": "sea_roro", "means_id": "HOEGH TRACER"},
    "items": [
        {
            "line": line,
            "hs_code": "8703229090",
            "description": "Toyota Corolla 1.2T petrol saloon, used",
            "quantity": "1",
            "unit": "PCE",
            "value": price,
            "currency": "USD",
            "origin_country": "CN",
            "vehicle": {
                "vin": vin,
                "make": "Toyota",
                "model": "Corolla",
                "power": "petrol",
                "condition": "used",
                "plate": f"鲁B·{4000 + line}Q{line}",
                "deregistration_certificate": f"370200-ZX-2026-{1000 + line}",
                "export_licence": f"26-SD-UC-00{7700 + line}",
                "export_licence_valid_until": "2027-06-30",
                "export_inspection_reference": f"QD-UCE-2026-00{4110 + line}",
                "first_registration": registered,
                "odometer_km": km,
                "model_year": 2019,
            },
            "form": _car_form(
                price=f"{price}00",
                kg="1320",
                elements=f"乘用车|汽油|1.2T|5座|丰田牌|卡罗拉|旧车|VIN {vin}",
                destination="RU",
            ),
        }
        for line, (vin, registered, km, price) in enumerate(_COROLLAS, start=1)
    ],
    "totals": {"item_count": 2, "value": {"USD": "18300.00"}},
    "form": {
        "declaring_customs": "4258",
        "exit_customs": "4258",
        "export_date": "2026-03-04",
        "declaration_date": "2026-03-01",
        "domestic_consignor": QINGDAO_UNIT,
        "production_sales_unit": QINGDAO_UNIT,
        "transport_mode": "2",
        "voyage_number": "2610E",
        "bill_of_lading": "TAOVVO2603011",
        "supervision_mode": "0110",
        "levy_nature": "101",
        "licence_number": "26-SD-UC-007701",
        "contract_number": "SR-VVO-2026-044",
        "trading_country": "RU",
        "port_of_destination": "Vladivostok",
        "departure_port": "Qingdao",
        "package_type": "01",
        "package_count": 2,
        "gross_weight_kg": "2640",
        "net_weight_kg": "2640",
        "transaction_terms": "2",
        "freight": {"amount": "1300.00", "currency": "USD"},
        "other_charges": {"amount": "80.00", "currency": "USD"},
        "documents": [
            {"type": "4", "number": "26-SD-UC-007701"},
            {"type": "4", "number": "26-SD-UC-007702"},
        ],
        "marks_and_remarks": "N/M; used vehicles, ro-ro",
    },
}

FORM_EXAMPLES = {
    "byd-ev-horgos": BYD_EV_HORGOS,
    "changan-train-chongqing": CHANGAN_TRAIN_CHONGQING,
    "used-corollas-qingdao": USED_COROLLAS_QINGDAO,
}
