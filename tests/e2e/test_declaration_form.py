"""The export form through the gateway: lodged, checked against the code lists, stored and read
back exactly as sent; refused with the fields named when it breaks a list or a vehicle rule."""

import copy
from decimal import Decimal
from typing import Any
from uuid import uuid4

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearway_declaration.declarations.vin import check_digit
from clearway_gateway.declarations.form_examples import (
    BYD_EV_HORGOS,
    CHANGAN_TRAIN_CHONGQING,
    FORM_EXAMPLES,
    USED_COROLLAS_QINGDAO,
)
from tests.e2e.conftest import System
from tests.e2e.flow import lodge

GATEWAY_FIELDS = {"mode", "declaring_office", "exit_office", "departure_office"}


def fresh_vin_like(vin: str) -> str:
    """Another VIN of the same maker and model year (10th character), its check digit right."""
    serial = uuid4().hex[:6].upper()
    fresh = f"{vin[:9]}{vin[9:11]}{serial}"
    return fresh[:8] + check_digit(fresh) + fresh[9:]


def with_fresh_vins(body: dict[str, Any]) -> dict[str, Any]:
    body = copy.deepcopy(body)
    for item in body["items"]:
        if item.get("vehicle"):
            item["vehicle"]["vin"] = fresh_vin_like(item["vehicle"]["vin"])
    return body


def same(sent: Any, read: Any) -> bool:
    """``read`` says what ``sent`` said: the same fields (numbers as numbers), read may add
    what customs derives (dangerous_goods) and nulls for what was left out."""
    if isinstance(sent, dict):
        return isinstance(read, dict) and all(
            same(value, read.get(key)) for key, value in sent.items()
        )
    if isinstance(sent, list):
        return (
            isinstance(read, list)
            and len(sent) == len(read)
            and all(same(a, b) for a, b in zip(sent, read, strict=True))
        )
    if isinstance(sent, str) and isinstance(read, str) and sent != read:
        try:
            return Decimal(sent) == Decimal(read)
        except ArithmeticError:
            return False
    return bool(sent == read)


async def lodge_and_read(forwarder: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    lodged = await lodge(forwarder, body)
    response = await forwarder.get(f"/v1/declarations/{lodged['id']}")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_each_demo_declaration_is_lodged_and_read_back_as_sent(system: System) -> None:
    for name, example in FORM_EXAMPLES.items():
        body = with_fresh_vins(example)
        declarant = body["declarant"]["customs_code"]
        read = await lodge_and_read(system.forwarder(declarant), body)
        content = {key: value for key, value in body.items() if key not in GATEWAY_FIELDS}
        assert same(content, read), name
        assert read["form"]["supervision_mode"] == "0110"


# What may vary on the full form while it stays valid: hypothesis picks the values (from the
# shipped lists), the round trip must keep every one.
FORM_CHOICES = st.fixed_dictionaries(
    {
        "supervision_mode": st.sampled_from(["0110", "0130", "3010", "4019", "9739"]),
        "package_type": st.sampled_from(["00", "01", "22", "23", "29"]),
        "transaction_terms": st.sampled_from(["3", "7"]),
        "package_count": st.integers(min_value=0, max_value=10_000),
        "marks_and_remarks": st.text(
            alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=40
        ),
        "contract_number": st.from_regex(r"[A-Z]{2}-[0-9]{4}-[0-9]{3}", fullmatch=True),
        "document_type": st.sampled_from(["3", "4"]),
    }
)
ITEM_CHOICES = st.fixed_dictionaries(
    {
        "levy_treatment": st.sampled_from([str(code) for code in range(1, 10)]),
        "second_quantity": st.decimals(min_value=1, max_value=5000, places=3),
        "final_destination_country": st.sampled_from(["KZ", "UZ", "KG", "TJ", "RU"]),
        "energy_kwh": st.decimals(min_value=Decimal("0.5"), max_value=200, places=3),
    }
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(form=FORM_CHOICES, item=ITEM_CHOICES)
async def test_every_field_of_the_form_round_trips(
    system: System, form: dict[str, Any], item: dict[str, Any]
) -> None:
    body = with_fresh_vins(BYD_EV_HORGOS)
    header = body["form"]
    header.update({k: v for k, v in form.items() if k != "document_type"})
    header["documents"] = [{"type": form["document_type"], "number": "26-XJ-EV-000318"}]
    line = body["items"][0]
    line["form"].update(
        levy_treatment=item["levy_treatment"],
        second_quantity=str(item["second_quantity"]),
        final_destination_country=item["final_destination_country"],
    )
    line["vehicle"]["battery"]["energy_kwh"] = str(item["energy_kwh"])
    read = await lodge_and_read(system.forwarder(), body)
    content = {key: value for key, value in body.items() if key not in GATEWAY_FIELDS}
    assert same(content, read)


async def refusal(forwarder: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, str]:
    response = await forwarder.post("/v1/declarations", json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return {error["field"]: error["reason"] for error in response.json()["errors"]}


async def test_a_code_outside_its_list_is_refused_naming_the_field_and_the_allowed_codes(
    system: System,
) -> None:
    body = with_fresh_vins(CHANGAN_TRAIN_CHONGQING)
    body["form"]["supervision_mode"] = "0999"
    body["items"][1]["form"]["legal_unit"] = "999"
    errors = await refusal(system.forwarder("5001987654"), body)
    assert "0110" in errors["form.supervision_mode"]
    assert "003" in errors["items[1].form.legal_unit"]


async def test_a_used_car_on_the_form_without_registration_or_odometer_is_refused(
    system: System,
) -> None:
    body = with_fresh_vins(USED_COROLLAS_QINGDAO)
    del body["items"][0]["vehicle"]["first_registration"]
    del body["items"][1]["vehicle"]["odometer_km"]
    errors = await refusal(system.forwarder(), body)
    assert set(errors) >= {
        "items[0].vehicle.first_registration",
        "items[1].vehicle.odometer_km",
    }


async def test_an_ev_on_the_form_without_its_battery_is_refused(system: System) -> None:
    body = with_fresh_vins(BYD_EV_HORGOS)
    del body["items"][0]["vehicle"]["battery"]
    errors = await refusal(system.forwarder(), body)
    assert "un_number" in errors["items[0].vehicle.battery"]


async def test_a_model_year_the_vin_contradicts_is_refused(system: System) -> None:
    body = with_fresh_vins(BYD_EV_HORGOS)
    body["items"][0]["vehicle"]["model_year"] = 2024
    errors = await refusal(system.forwarder(), body)
    assert "2026" in errors["items[0].vehicle.model_year"]


async def test_a_bad_credit_code_check_character_is_refused(system: System) -> None:
    body = with_fresh_vins(BYD_EV_HORGOS)
    unit = body["form"]["domestic_consignor"]
    unit["credit_code"] = unit["credit_code"][:17] + "1"
    errors = await refusal(system.forwarder(), body)
    assert "GB 32100" in errors["form.domestic_consignor.credit_code"]


async def test_an_admin_publishes_a_code_list_version_and_lodging_follows_it(
    system: System,
) -> None:
    admin = system.official("admin")
    shipped = await admin.get("/v1/code-lists/supervision_modes/current")
    assert shipped.status_code == 200, shipped.text
    document = shipped.json()["list"]
    narrowed = {**document, "entries": [e for e in document["entries"] if e["code"] != "3010"]}
    published = await admin.post("/v1/code-lists/supervision_modes", json=narrowed)
    assert published.status_code == 201, published.text
    version = published.json()["version"]
    assert version == shipped.json()["version"] + 1
    again = await admin.get(f"/v1/code-lists/supervision_modes/{version}")
    assert again.json()["list"] == narrowed
    body = with_fresh_vins(BYD_EV_HORGOS)
    body["form"]["supervision_mode"] = "3010"
    errors = await refusal(system.forwarder(), body)
    assert f"version {version}" in errors["form.supervision_mode"]
    restored = await admin.post("/v1/code-lists/supervision_modes", json=document)
    assert restored.status_code == 201, restored.text
