"""The export form's rules: code lists, credit codes, sums, and vehicles in depth."""

import copy
import json
from datetime import date
from typing import Any

import pytest

from clearway_contracts.declaration_form import CodeListName
from clearway_declaration.codelists.models import CodeList, CodeLists, VersionedList
from clearway_declaration.codelists.service import shipped
from clearway_declaration.declarations import rules
from clearway_declaration.declarations.credit_code import check_character, credit_code_problem
from clearway_declaration.declarations.models import DeclarationContent, InvalidDeclaration
from clearway_declaration.declarations.schemas import CreateDeclaration
from clearway_declaration.declarations.vin import model_years
from clearway_gateway.declarations.form_examples import (
    BYD_EV_HORGOS,
    CHANGAN_TRAIN_CHONGQING,
    FORM_EXAMPLES,
    USED_COROLLAS_QINGDAO,
)
from tests.support.infra import REPO
from tests.support.samples.bodies import ROUTINGS, declaration

TODAY = date(2026, 3, 1)
LISTS = CodeLists(
    {name: VersionedList(name, 0, document.codes()) for name, document in shipped().items()}
)
# Real codes, as registered (Huawei, BYD, Tencent): GB 32100's check character holds.
REAL_CREDIT_CODES = ("914403001922038216", "91440300192317458F", "9144030071526726XG")


def service_body(example: dict[str, Any]) -> dict[str, Any]:
    """A public example as the gateway forwards it: the content and a routing plan."""
    body = {
        key: value
        for key, value in copy.deepcopy(example).items()
        if key not in ("mode", "declaring_office", "exit_office", "departure_office")
    }
    office = example["declaring_office"]
    mode = example["mode"]
    routing = dict(ROUTINGS[mode])
    if mode == "local":
        routing.update(
            declaring_office=office, inspection_office=office, release_office=office,
            exit_office=office,
        )  # fmt: skip
    return body | {"routing": routing}


def accept(body: dict[str, Any]) -> DeclarationContent:
    request = CreateDeclaration.model_validate(body)
    return rules.accept(request.content(), request.routing_plan(), today=TODAY, lists=LISTS)


def violations(body: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InvalidDeclaration) as refused:
        accept(body)
    return {v.field: v.reason for v in refused.value.violations}


@pytest.mark.parametrize("name", FORM_EXAMPLES)
def test_the_demo_declarations_are_valid_on_the_form(name: str) -> None:
    content = accept(service_body(FORM_EXAMPLES[name]))
    assert content.uses_full_form
    assert content.form is not None and content.form.supervision_mode == "0110"


def test_the_short_form_keeps_its_old_rules() -> None:
    body = declaration()
    body["items"][0]["vehicle"]["power"] = "bev"  # no battery: fine without the form
    assert not accept(body).uses_full_form


@pytest.mark.parametrize("code", REAL_CREDIT_CODES)
def test_real_credit_codes_pass_their_check(code: str) -> None:
    assert credit_code_problem(code) is None
    assert check_character(code) == code[17]


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("914403001922038217", "should be 6"),  # a wrong check character
        ("91440300192317458", "18"),  # too short
        ("91440300I92317458F", "capitals other than I O S V Z"),
        ("9144030071526726XS", "capitals other than"),
    ],
)
def test_wrong_credit_codes_say_why(code: str, why: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None and why in problem


def test_a_code_outside_its_list_names_the_field_and_the_allowed_values() -> None:
    body = service_body(CHANGAN_TRAIN_CHONGQING)
    body["form"]["supervision_mode"] = "0999"
    body["form"]["package_type"] = "98"
    body["form"]["documents"][0]["type"] = "Z"
    body["items"][2]["form"]["second_unit"] = "999"
    found = violations(body)
    assert "'0999' is not in the code list supervision_modes" in found["form.supervision_mode"]
    assert "0110, 0130" in found["form.supervision_mode"]
    assert "01, 22" in found["form.package_type"]
    assert "3, 4" in found["form.documents[0].type"]
    assert "035" in found["items[2].form.second_unit"]


def test_a_published_version_is_named_and_long_lists_are_cut() -> None:
    entries = [{"code": f"{code:04d}", "name": "mode"} for code in range(100)]
    document = CodeList.model_validate({"entries": entries})
    lists = CodeLists(
        {
            **LISTS.lists,
            CodeListName.SUPERVISION_MODES: VersionedList(
                CodeListName.SUPERVISION_MODES, 7, document.codes()
            ),
        }
    )
    problem = lists.problem(CodeListName.SUPERVISION_MODES, "0110")
    assert problem is not None and "version 7" in problem and "and 60 more" in problem


def test_a_code_list_has_unique_codes() -> None:
    with pytest.raises(ValueError, match="unique: 01"):
        CodeList.model_validate({"entries": [{"code": "01", "name": "a"}] * 2})


def test_the_form_must_agree_with_itself() -> None:
    body = service_body(CHANGAN_TRAIN_CHONGQING)
    form = body["form"]
    form["transport_mode"] = "4"  # by road, but the transport is a train
    form["net_weight_kg"] = "5000"  # more than the gross weight
    del form["insurance"]  # CIF includes it
    body["items"][0]["form"]["unit_price"] = "11000.0000"
    body["items"][1]["hs_code"] = "870322"
    del body["items"][2]["form"]["second_unit"]
    found = violations(body)
    assert found["form.transport_mode"] == "transport.mode rail_car_carrier is code 3"
    assert "gross weight" in found["form.net_weight_kg"]
    assert "include the insurance" in found["form.insurance"]
    assert "11000.00, not 11800.00" in found["items[0].form.unit_price"]
    assert "10 digits" in found["items[1].hs_code"]
    assert "second_unit" in found["items[2].form.second_quantity"]


def test_fob_carries_no_freight() -> None:
    body = service_body(BYD_EV_HORGOS)
    body["form"]["freight"] = {"amount": "300.00", "currency": "USD"}
    assert "include no freight" in violations(body)["form.freight"]


def test_a_used_car_on_the_form_needs_registration_and_odometer() -> None:
    body = service_body(USED_COROLLAS_QINGDAO)
    del body["items"][0]["vehicle"]["first_registration"]
    del body["items"][1]["vehicle"]["odometer_km"]
    body["items"][1]["vehicle"]["export_licence_valid_until"] = "2026-02-28"
    found = violations(body)
    assert set(found) == {
        "items[0].vehicle.first_registration",
        "items[1].vehicle.odometer_km",
        "items[1].vehicle.export_licence_valid_until",
    }


def test_an_ev_on_the_form_needs_its_battery_with_the_right_un_number() -> None:
    body = service_body(BYD_EV_HORGOS)
    del body["items"][0]["vehicle"]["battery"]
    assert "chemistry" in violations(body)["items[0].vehicle.battery"]
    body = service_body(BYD_EV_HORGOS)
    body["items"][0]["vehicle"]["battery"]["un_number"] = "UN3480"
    assert "UN3171 or UN3556" in violations(body)["items[0].vehicle.battery.un_number"]
    body["items"][0]["vehicle"]["power"] = "phev"
    assert "UN3166" in violations(body)["items[0].vehicle.battery.un_number"]


def test_lithium_batteries_on_the_form_need_their_un_number() -> None:
    body = service_body(BYD_EV_HORGOS)
    item = copy.deepcopy(body["items"][0])
    del item["vehicle"]
    item.update(line=2, hs_code="8507600090", description="LFP traction battery packs")
    item["form"]["battery"] = None
    body["items"].append(item)
    body["totals"] = {"item_count": 2, "value": {"USD": "37000.00"}}
    assert "battery data" in violations(body)["items[1].form.battery"]
    item["form"]["battery"] = {
        "chemistry": "lithium_metal",
        "energy_kwh": "0.100",
        "un_number": "UN3480",
        "hazard_class": "9",
        "test_summary": "TS-1",
    }
    assert "UN3090 or UN3091" in violations(body)["items[1].form.battery.un_number"]


@pytest.mark.parametrize(
    ("vin", "years"),
    [
        ("LGXCE6CB3T0018806", (1996, 2026, 2056, 2086)),
        ("1HGCM82633A004352", (2003, 2033, 2063, 2093)),
        ("LFMAPE2E3K0031250", (1989, 2019, 2049, 2079)),
        ("LFMAPE2E3U0031250", ()),  # U codes no year
    ],
)
def test_the_vin_s_10th_character_codes_the_model_year(vin: str, years: tuple[int, ...]) -> None:
    assert model_years(vin) == years


def test_a_model_year_the_vin_contradicts_is_refused_even_on_the_short_form() -> None:
    body = declaration(vins=["1HGCM82633A004352"])
    body["items"][0]["vehicle"]["model_year"] = 2004
    assert "model year 2003" in violations(body)["items[0].vehicle.model_year"]
    body["items"][0]["vehicle"]["model_year"] = 2003
    accept(body)


@pytest.mark.parametrize("name", FORM_EXAMPLES)
def test_the_documented_form_examples_are_the_openapi_ones(name: str) -> None:
    document = REPO / "docs" / "examples" / f"lodge-form-{name}.json"
    assert json.loads(document.read_text(encoding="utf-8")) == FORM_EXAMPLES[name]
