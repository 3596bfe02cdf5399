"""What a declaration must satisfy before it is accepted."""

from datetime import date
from typing import Any

import pydantic
import pytest

from clearway_declaration.declarations import rules
from clearway_declaration.declarations.models import DeclarationContent, InvalidDeclaration
from clearway_declaration.declarations.schemas import CreateDeclaration
from tests.support.samples.bodies import REAL_VINS, declaration

TODAY = date(2026, 3, 1)


def accept(body: dict[str, Any]) -> DeclarationContent:
    request = CreateDeclaration.model_validate(body)
    return rules.accept(request.content(), request.routing_plan(), today=TODAY)


def violations(body: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InvalidDeclaration) as refused:
        accept(body)
    return {v.field: v.reason for v in refused.value.violations}


def battery_item(line: int) -> dict[str, Any]:
    return {
        "line": line,
        "hs_code": "850760",
        "description": "Lithium-ion battery packs",
        "quantity": "40",
        "unit": "PCE",
        "value": "8000.00",
        "currency": "USD",
        "origin_country": "CN",
    }


def test_a_valid_declaration_is_accepted() -> None:
    content = accept(declaration(vins=list(REAL_VINS)))
    assert content.vins == list(REAL_VINS)


def test_battery_powered_vehicles_and_lithium_batteries_are_dangerous_goods() -> None:
    body = declaration(vins=list(REAL_VINS[:2]))
    body["items"][1]["vehicle"]["power"] = "petrol"
    body["items"].append(battery_item(3))
    body["totals"] = {"item_count": 3, "value": {"USD": "58000.00"}}
    flags = [item.dangerous_goods for item in accept(body).items]
    assert flags == [True, False, True]


def test_a_vehicle_heading_needs_vehicle_data() -> None:
    body = declaration()
    del body["items"][0]["vehicle"]
    assert "VIN" in violations(body)["items[0].vehicle"]


def test_vehicle_data_needs_a_vehicle_heading() -> None:
    body = declaration()
    body["items"][0]["hs_code"] = "850760"
    assert "items[0].hs_code" in violations(body)


def test_a_wrong_check_digit_is_refused_on_its_line() -> None:
    body = declaration(vins=[REAL_VINS[0], "1HGCM82643A004352"])
    assert violations(body) == {"items[1].vehicle.vin": "check digit (9th character) should be 3"}


def test_the_same_vin_twice_is_refused() -> None:
    body = declaration(vins=[REAL_VINS[0], REAL_VINS[0]])
    assert violations(body) == {"items[1].vehicle.vin": "the same VIN is on line 1"}


def test_a_used_vehicle_needs_deregistration_certificate_and_export_licence() -> None:
    body = declaration()
    body["items"][0]["vehicle"]["condition"] = "used"
    assert set(violations(body)) == {
        "items[0].vehicle.deregistration_certificate",
        "items[0].vehicle.export_licence",
    }
    body["items"][0]["vehicle"] |= {
        "deregistration_certificate": "DR-6501-2026-000881",
        "export_licence": "EL-2026-0042",
    }
    accept(body)


def used_car() -> dict[str, Any]:
    body = declaration()
    body["items"][0]["vehicle"] |= {
        "condition": "used",
        "deregistration_certificate": "DR-6501-2026-000881",
        "export_licence": "EL-2026-0042",
    }
    return body


def test_a_used_vehicle_carries_its_first_registration_and_odometer() -> None:
    body = used_car()
    body["items"][0]["vehicle"] |= {"first_registration": "2021-05-17", "odometer_km": 48210}
    vehicle = accept(body).items[0].vehicle
    assert vehicle is not None
    assert (vehicle.first_registration, vehicle.odometer_km) == (date(2021, 5, 17), 48210)


def test_a_first_registration_after_today_is_refused() -> None:
    body = used_car()
    body["items"][0]["vehicle"]["first_registration"] = "2026-03-05"
    assert violations(body) == {"items[0].vehicle.first_registration": "after today (2026-03-01)"}


def test_a_new_vehicle_has_no_first_registration() -> None:
    body = declaration()
    body["items"][0]["vehicle"]["first_registration"] = "2025-01-02"
    assert violations(body) == {
        "items[0].vehicle.first_registration": "a registered vehicle is used: declare it so"
    }


@pytest.mark.parametrize("odometer", [-1, 2_000_001, "lots"])
def test_an_odometer_reading_is_a_plausible_whole_number_of_km(odometer: object) -> None:
    body = used_car()
    body["items"][0]["vehicle"]["odometer_km"] = odometer
    with pytest.raises(pydantic.ValidationError) as refused:
        CreateDeclaration.model_validate(body)
    assert refused.value.errors()[0]["loc"][-1] == "odometer_km"


def test_countries_and_currencies_come_from_iso_lists() -> None:
    body = declaration()
    body["consignee"]["country"] = "XK"  # Kosovo has no ISO 3166 code
    body["items"][0]["currency"] = "RMB"  # the ISO code is CNY
    body["totals"]["value"] = {"RMB": "25000.00"}
    found = violations(body)
    assert set(found) == {"consignee.country", "items[0].currency"}


def test_an_export_leaves_china() -> None:
    body = declaration()
    body["destination_country"] = "CN"
    assert set(violations(body)) == {"destination_country"}


def test_totals_must_match_the_items() -> None:
    body = declaration(vins=list(REAL_VINS[:2]))
    body["totals"] = {"item_count": 3, "value": {"USD": "49999.99", "EUR": "1.00"}}
    assert violations(body) == {
        "totals.item_count": "there are 2 items",
        "totals.value.USD": "the items add up to 50000.00 USD",
        "totals.value.EUR": "the items add up to 0 EUR",
    }


def test_lines_are_numbered_from_one() -> None:
    body = declaration(vins=list(REAL_VINS[:2]))
    body["items"][1]["line"] = 5
    assert set(violations(body)) == {"items[1].line"}


def test_a_direct_transfer_needs_transit_terms() -> None:
    body = declaration(mode="direct_transfer")
    accept(body)
    del body["transit"]
    assert set(violations(body)) == {"transit"}


def test_transit_terms_belong_to_a_direct_transfer_only() -> None:
    body = declaration(mode="integrated")
    body["transit"] = declaration(mode="direct_transfer")["transit"]
    assert set(violations(body)) == {"transit"}
