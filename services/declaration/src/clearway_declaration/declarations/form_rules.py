"""The rules of the export form's fields and of vehicles in depth; pure, so each is unit-tested.

Shapes are the contract's (``clearway_contracts.declaration_form``); here: membership of the
code lists, check characters, sums and the consistency a customs officer checks. A declaration
lodged on the full form (a ``form`` in the header or on an item) must also carry a used car's
first registration and odometer and a BEV's or PHEV's battery (docs/adr/0027).
"""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from clearway_contracts.declaration_form import (
    Battery,
    BatteryChemistry,
    CodeListName,
    DomesticUnit,
    ExportForm,
    ItemForm,
)
from clearway_contracts.events.common import (
    Item,
    PowerType,
    Transport,
    TransportMode,
    Vehicle,
    VehicleCondition,
)
from clearway_declaration.codelists.models import CodeLists
from clearway_declaration.declarations.credit_code import credit_code_problem
from clearway_declaration.declarations.models import DeclarationContent
from clearway_declaration.declarations.vin import model_years
from clearway_platform.domain_errors import Violation

LITHIUM_BATTERIES = "850760"
NEEDS_BATTERY = frozenset({PowerType.BEV, PowerType.PHEV})
# China Customs' transport-mode codes for Clearway's transport modes.
FORM_TRANSPORT = {
    TransportMode.ROAD_SELF_DRIVE: "4",
    TransportMode.ROAD_CAR_CARRIER: "4",
    TransportMode.RAIL_CAR_CARRIER: "3",
    TransportMode.RAIL_CONTAINER: "3",
    TransportMode.SEA_RORO: "2",
    TransportMode.AIR: "5",
}
# UN numbers of the dangerous-goods list (class 9) a traction battery or battery goods ship as.
VEHICLE_UN = {
    PowerType.BEV: frozenset({"UN3556", "UN3171"}),
    PowerType.PHEV: frozenset({"UN3166"}),
    PowerType.FCEV: frozenset({"UN3166"}),
}
LITHIUM_METAL_UN = frozenset({"UN3090", "UN3091"})
LITHIUM_ION_UN = frozenset({"UN3480", "UN3481"})
# Transaction terms whose price includes freight (CIF, C&F) or insurance (CIF), and those that
# include neither (FOB, EXW): the form's charges must say the same.
WITH_FREIGHT = frozenset({"1", "2"})
WITH_INSURANCE = frozenset({"1"})
WITHOUT_CHARGES = frozenset({"3", "7"})
# An item's total price is its unit price times its quantity, to the cent per unit.
CENT = Decimal("0.01")


def violations(
    content: DeclarationContent,
    lists: CodeLists | None,
    *,
    countries: frozenset[str],
    currencies: frozenset[str],
    today: date,
) -> Iterator[Violation]:
    """Every rule of the form and of vehicles in depth that ``content`` breaks.

    ``lists`` are needed when the content uses the full form (``uses_full_form``)."""
    full = content.uses_full_form
    if content.form is not None and lists is not None:
        yield from _header(content.form, content.transport, lists, countries, currencies)
    for index, item in enumerate(content.items):
        at = f"items[{index}]"
        if item.form is not None and lists is not None:
            yield from _item_form(at, item, item.form, lists, countries)
        elif full and item.hs_code.startswith(LITHIUM_BATTERIES):
            yield Violation(f"{at}.form.battery", "lithium batteries need their battery data")
        if item.vehicle is not None:
            yield from _vehicle(f"{at}.vehicle", item.vehicle, full=full, today=today)


def _header(
    form: ExportForm,
    transport: Transport,
    lists: CodeLists,
    countries: frozenset[str],
    currencies: frozenset[str],
) -> Iterator[Violation]:
    coded = (
        ("form.declaring_customs", CodeListName.CUSTOMS_DISTRICTS, form.declaring_customs),
        ("form.exit_customs", CodeListName.CUSTOMS_DISTRICTS, form.exit_customs),
        ("form.transport_mode", CodeListName.TRANSPORT_MODES, form.transport_mode),
        ("form.supervision_mode", CodeListName.SUPERVISION_MODES, form.supervision_mode),
        ("form.levy_nature", CodeListName.LEVY_NATURES, form.levy_nature),
        ("form.package_type", CodeListName.PACKAGE_TYPES, form.package_type),
        ("form.transaction_terms", CodeListName.TRANSACTION_TERMS, form.transaction_terms),
        *(
            (f"form.documents[{i}].type", CodeListName.DOCUMENT_TYPES, document.type)
            for i, document in enumerate(form.documents or [])
        ),
    )
    yield from _coded(coded, lists)
    for field, unit in (
        ("form.domestic_consignor", form.domestic_consignor),
        ("form.production_sales_unit", form.production_sales_unit),
    ):
        yield from _unit(field, unit)
    expected = FORM_TRANSPORT[transport.mode]
    if form.transport_mode is not None and form.transport_mode != expected:
        yield Violation(
            "form.transport_mode", f"transport.mode {transport.mode} is code {expected}"
        )
    if form.trading_country is not None and form.trading_country not in countries:
        yield Violation("form.trading_country", "not an ISO 3166-1 alpha-2 country code")
    gross, net = form.gross_weight_kg, form.net_weight_kg
    if gross is not None and net is not None and net > gross:
        yield Violation("form.net_weight_kg", f"more than the gross weight ({gross} kg)")
    yield from _charges(form, currencies)


def _charges(form: ExportForm, currencies: frozenset[str]) -> Iterator[Violation]:
    terms = form.transaction_terms
    charges = (
        ("freight", form.freight, WITH_FREIGHT),
        ("insurance", form.insurance, WITH_INSURANCE),
    )
    for name, charge, included_by in charges:
        if terms in included_by and charge is None:
            yield Violation(f"form.{name}", f"transaction terms {terms} include the {name}")
        if terms in WITHOUT_CHARGES and charge is not None:
            yield Violation(f"form.{name}", f"transaction terms {terms} include no {name}")
    for name, charge in (*((n, c) for n, c, _ in charges), ("other_charges", form.other_charges)):
        if charge is not None and charge.currency not in currencies:
            yield Violation(f"form.{name}.currency", "not an ISO 4217 currency code")


def _unit(field: str, unit: DomesticUnit | None) -> Iterator[Violation]:
    if unit is None:
        return
    problem = credit_code_problem(unit.credit_code)
    if problem:
        yield Violation(f"{field}.credit_code", problem)


def _item_form(
    at: str, item: Item, form: ItemForm, lists: CodeLists, countries: frozenset[str]
) -> Iterator[Violation]:
    if len(item.hs_code) != 10:
        yield Violation(f"{at}.hs_code", "the form's commodity code (商品编号) has 10 digits")
    yield from _coded(
        (
            (f"{at}.form.declared_unit", CodeListName.UNITS, form.declared_unit),
            (f"{at}.form.legal_unit", CodeListName.UNITS, form.legal_unit),
            (f"{at}.form.second_unit", CodeListName.UNITS, form.second_unit),
            (f"{at}.form.levy_treatment", CodeListName.LEVY_TREATMENTS, form.levy_treatment),
        ),
        lists,
    )
    for quantity, unit in (("legal_quantity", "legal_unit"), ("second_quantity", "second_unit")):
        if (getattr(form, quantity) is None) != (getattr(form, unit) is None):
            yield Violation(f"{at}.form.{quantity}", f"give it with {unit}, or neither")
    country = form.final_destination_country
    if country is not None and country not in countries:
        yield Violation(
            f"{at}.form.final_destination_country", "not an ISO 3166-1 alpha-2 country code"
        )
    if form.unit_price is not None:
        total = form.unit_price * item.quantity
        if abs(total - item.value) > CENT * max(item.quantity, Decimal(1)):
            yield Violation(
                f"{at}.form.unit_price", f"times the quantity it is {total:.2f}, not {item.value}"
            )
    if form.battery is not None:
        yield from _battery_goods(f"{at}.form.battery", form.battery)
    elif item.hs_code.startswith(LITHIUM_BATTERIES):
        yield Violation(f"{at}.form.battery", "lithium batteries need their battery data")


def _battery_goods(at: str, battery: Battery) -> Iterator[Violation]:
    metal = battery.chemistry is BatteryChemistry.LITHIUM_METAL
    allowed = LITHIUM_METAL_UN if metal else LITHIUM_ION_UN
    if battery.un_number not in allowed:
        yield Violation(
            f"{at}.un_number",
            f"{battery.chemistry} batteries ship as {' or '.join(sorted(allowed))}",
        )


def _vehicle(at: str, vehicle: Vehicle, *, full: bool, today: date) -> Iterator[Violation]:
    if vehicle.model_year is not None:
        years = model_years(vehicle.vin)
        if years and vehicle.model_year not in years:
            coded = " or ".join(str(year) for year in years if year <= today.year + 2)
            yield Violation(
                f"{at}.model_year",
                f"the VIN's 10th character {vehicle.vin[9]!r} codes model year {coded}",
            )
    valid_until = vehicle.export_licence_valid_until
    if valid_until is not None and valid_until < today:
        yield Violation(f"{at}.export_licence_valid_until", f"the licence expired on {valid_until}")
    if full and vehicle.condition is VehicleCondition.USED:
        for needed in ("first_registration", "odometer_km"):
            if getattr(vehicle, needed) is None:
                yield Violation(f"{at}.{needed}", "a used vehicle on the form needs this")
    if vehicle.battery is None:
        if full and vehicle.power in NEEDS_BATTERY:
            yield Violation(
                f"{at}.battery",
                "a BEV or PHEV on the form needs its battery: chemistry, energy_kwh, "
                "un_number, hazard_class and test_summary",
            )
        return
    allowed = VEHICLE_UN.get(vehicle.power)
    if allowed is None:
        yield Violation(f"{at}.battery", f"a {vehicle.power} vehicle declares no traction battery")
    elif vehicle.battery.un_number not in allowed:
        yield Violation(
            f"{at}.battery.un_number",
            f"a {vehicle.power} vehicle ships as {' or '.join(sorted(allowed))}",
        )


def _coded(
    fields: tuple[tuple[str, CodeListName, str | None], ...], lists: CodeLists
) -> Iterator[Violation]:
    for field, name, code in fields:
        if code is not None:
            problem = lists.problem(name, code)
            if problem:
                yield Violation(field, problem)
