"""The rules a declaration must pass before it is accepted; pure, so each is unit-tested."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pycountry

from clearway_contracts.events.common import (
    ClearanceMode,
    Item,
    PowerType,
    RoutingPlan,
    VehicleCondition,
)
from clearway_declaration.codelists.models import CodeLists
from clearway_declaration.declarations import form_rules
from clearway_declaration.declarations.models import DeclarationContent, InvalidDeclaration
from clearway_declaration.declarations.vin import vin_problem
from clearway_platform.domain_errors import Violation

COUNTRIES = frozenset(country.alpha_2 for country in pycountry.countries)
CURRENCIES = frozenset(currency.alpha_3 for currency in pycountry.currencies)
EXPORTING_COUNTRY = "CN"

# Buses, cars, lorries, special-purpose vehicles, motorcycles.
VEHICLE_HEADINGS = ("8702", "8703", "8704", "8705", "8711")
LITHIUM_BATTERIES = "850760"
# Traction batteries (and hydrogen) make these dangerous goods: UN 3171 and UN 3166.
BATTERY_POWERED = frozenset({PowerType.BEV, PowerType.PHEV, PowerType.FCEV})


def accept(
    content: DeclarationContent,
    routing: RoutingPlan,
    *,
    today: date,
    lists: CodeLists | None = None,
) -> DeclarationContent:
    """The content as accepted, with dangerous goods flagged; raises InvalidDeclaration.

    ``lists``: the current code lists, needed when the content uses the full export form."""
    violations = [
        *_parties(content),
        *_items(content, today),
        *_totals(content),
        *_routing(content, routing),
        *form_rules.violations(
            content, lists, countries=COUNTRIES, currencies=CURRENCIES, today=today
        ),
    ]
    if violations:
        raise InvalidDeclaration(violations)
    items = [
        item.model_copy(update={"dangerous_goods": is_dangerous(item)}) for item in content.items
    ]
    return content.model_copy(update={"items": items})


def is_vehicle_heading(hs_code: str) -> bool:
    return hs_code.startswith(VEHICLE_HEADINGS)


def is_dangerous(item: Item) -> bool:
    battery_vehicle = item.vehicle is not None and item.vehicle.power in BATTERY_POWERED
    return item.hs_code.startswith(LITHIUM_BATTERIES) or battery_vehicle


def _parties(content: DeclarationContent) -> Iterator[Violation]:
    for field, code in (
        ("exporter.country", content.exporter.country),
        ("consignee.country", content.consignee.country),
        ("destination_country", content.destination_country),
    ):
        yield from _country(field, code)
    if content.destination_country == EXPORTING_COUNTRY:
        yield Violation("destination_country", "an export declaration leaves China")


def _items(content: DeclarationContent, today: date) -> Iterator[Violation]:
    first_line_of_vin: dict[str, int] = {}
    for index, item in enumerate(content.items):
        at = f"items[{index}]"
        if item.line != index + 1:
            yield Violation(f"{at}.line", f"lines are numbered 1, 2, 3…; expected {index + 1}")
        yield from _country(f"{at}.origin_country", item.origin_country)
        yield from _currency(f"{at}.currency", item.currency)
        yield from _vehicle(at, item, today)
        if item.vehicle:
            vin = item.vehicle.vin
            if vin in first_line_of_vin:
                yield Violation(
                    f"{at}.vehicle.vin", f"the same VIN is on line {first_line_of_vin[vin]}"
                )
            first_line_of_vin.setdefault(vin, item.line)


def _vehicle(at: str, item: Item, today: date) -> Iterator[Violation]:
    vehicle = item.vehicle
    if vehicle is None:
        if is_vehicle_heading(item.hs_code):
            yield Violation(
                f"{at}.vehicle", f"HS {item.hs_code} is a vehicle: give its VIN and data"
            )
        return
    if not is_vehicle_heading(item.hs_code):
        yield Violation(
            f"{at}.hs_code", "vehicle data needs a vehicle heading: 8702 to 8705 or 8711"
        )
    if item.quantity != 1:
        yield Violation(f"{at}.quantity", "a vehicle line declares one vehicle")
    problem = vin_problem(vehicle.vin)
    if problem:
        yield Violation(f"{at}.vehicle.vin", problem)
    if vehicle.condition is VehicleCondition.USED:
        for document in ("deregistration_certificate", "export_licence"):
            if not getattr(vehicle, document):
                yield Violation(f"{at}.vehicle.{document}", "a used vehicle needs this number")
    registered = vehicle.first_registration
    if registered is not None and vehicle.condition is VehicleCondition.NEW:
        yield Violation(
            f"{at}.vehicle.first_registration", "a registered vehicle is used: declare it so"
        )
    # A day's grace: UTC's today is already tomorrow in China for a third of the day.
    if registered is not None and registered > today + timedelta(days=1):
        yield Violation(f"{at}.vehicle.first_registration", f"after today ({today})")


def _totals(content: DeclarationContent) -> Iterator[Violation]:
    if content.totals.item_count != len(content.items):
        yield Violation("totals.item_count", f"there are {len(content.items)} items")
    summed: dict[str, Decimal] = defaultdict(Decimal)
    for item in content.items:
        summed[item.currency] += item.value
    for currency in sorted(set(summed) | set(content.totals.value)):
        declared = content.totals.value.get(currency)
        if declared != summed.get(currency):
            yield Violation(
                f"totals.value.{currency}",
                f"the items add up to {summed.get(currency, Decimal(0))} {currency}",
            )


def _routing(content: DeclarationContent, routing: RoutingPlan) -> Iterator[Violation]:
    if routing.mode is ClearanceMode.DIRECT_TRANSFER:
        if not routing.departure_office:
            yield Violation("routing.departure_office", "a direct transfer leaves from one")
        if content.transit is None:
            yield Violation(
                "transit", "a direct transfer needs seals, a time limit, a route and a carrier"
            )
    elif content.transit is not None:
        yield Violation("transit", "transit terms are only for a direct transfer")
    if routing.mode is ClearanceMode.LOCAL and routing.declaring_office != routing.exit_office:
        yield Violation("routing.declaring_office", "a local declaration is made at the exit port")


def _country(field: str, code: str) -> Iterator[Violation]:
    if code not in COUNTRIES:
        yield Violation(field, f"{code!r} is not an ISO 3166-1 alpha-2 country code")


def _currency(field: str, code: str) -> Iterator[Violation]:
    if code not in CURRENCIES:
        yield Violation(field, f"{code!r} is not an ISO 4217 currency code")
