"""From a manifest file to the declarations it lodges: every row checked, every error named.

A row becomes one item of the lodge contract (``LodgeDeclaration``) declaring one vehicle; the
header becomes the rest of the body. The rows are cut into parts of at most
``per_declaration`` items, one declaration each. Errors are named by where they are in the
file: ``rows[12].vin`` (vehicles numbered from 1, as in the table), ``consignment.transport.mode``
(a header key), ``columns.colour`` (a column name).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from clearway_contracts.events.common import VehicleCondition
from clearway_gateway.declarations.schemas import ItemIn, LodgeDeclaration, VehicleIn
from clearway_gateway.manifests.files import ManifestFile
from clearway_gateway.manifests.vin import vin_problem
from clearway_platform.domain_errors import InvalidInput, Violation

MAX_ROWS = 5000
MAX_PER_DECLARATION = 1000  # ContentIn.items' own limit

# Every item field but those a vehicle row implies, and every vehicle field, by name: a field
# added to the lodge contract is a column at once.
_IMPLIED = {"line", "quantity", "unit", "vehicle"}
ITEM_COLUMNS = tuple(name for name in ItemIn.model_fields if name not in _IMPLIED)
VEHICLE_COLUMNS = tuple(VehicleIn.model_fields)
COLUMNS = (*VEHICLE_COLUMNS, *ITEM_COLUMNS)
# The header's keys: the lodge body's fields but the items, as dotted paths, and item defaults.
HEADER_FIELDS = {*LodgeDeclaration.model_fields, "item"} - {"items", "totals"}
LIST_KEYS = {"transit.seals"}  # ';'-separated in one cell
ITEM_DEFAULT = "item."  # a header key item.<column> fills that column where a row leaves it empty


@dataclass(frozen=True)
class Part:
    """One declaration of the manifest: rows first..last (from 1)."""

    number: int
    first_row: int
    last_row: int
    body: LodgeDeclaration


def parts_of(manifest: ManifestFile, *, per_declaration: int) -> list[Part]:
    """The declarations the manifest lodges; InvalidInput naming every fault of every row."""
    violations = _shape(manifest)
    defaults = {
        key.removeprefix(ITEM_DEFAULT): value
        for key, value in manifest.header.items()
        if key.startswith(ITEM_DEFAULT)
    }
    header = _nested(
        {key: value for key, value in manifest.header.items() if not key.startswith(ITEM_DEFAULT)}
    )
    items = [_item(row, defaults) for row in manifest.rows]
    violations += _row_rules(items)
    parts = []
    for number, start in enumerate(range(0, len(items), per_declaration), start=1):
        chunk = items[start : start + per_declaration]
        lines = [{**item, "line": line} for line, item in enumerate(chunk, start=1)]
        body = {**header, "items": lines, "totals": _totals(lines)}
        try:
            parts.append(
                Part(number, start + 1, start + len(chunk), LodgeDeclaration.model_validate(body))
            )
        except ValidationError as error:
            violations += [
                violation
                for detail in error.errors()
                if (violation := _violation(detail["loc"], detail["msg"], start, number))
            ]
    unique = list(dict.fromkeys(violations))  # a header fault is met once per part
    if unique:
        raise InvalidInput(
            f"the manifest has {len(unique)} error(s); nothing was lodged",
            sorted(unique, key=_order),
        )
    return parts


def row_field(location: str, offset: int) -> str:
    """A declaration service's field path (``items[3].vehicle.vin``) as the manifest's."""
    if location.startswith("items["):
        index, _, rest = location.removeprefix("items[").partition("]")
        if index.isdigit():
            column = rest.removeprefix(".").removeprefix("vehicle.")
            return f"rows[{offset + int(index) + 1}]" + (f".{column}" if column else "")
    return f"consignment.{location}"


def _shape(manifest: ManifestFile) -> list[Violation]:
    violations = [
        Violation(f"columns.{name}", f"unknown column; the columns are {', '.join(COLUMNS)}")
        for name in manifest.columns
        if name not in COLUMNS
    ]
    violations += [
        Violation(f"consignment.{key}", f"unknown column; the columns are {', '.join(COLUMNS)}")
        for key in manifest.header
        if key.startswith(ITEM_DEFAULT) and key.removeprefix(ITEM_DEFAULT) not in COLUMNS
    ]
    violations += [
        Violation(f"consignment.{key}", "unknown key: see docs/manifests.md for the header keys")
        for key in manifest.header
        if key.split(".")[0] not in HEADER_FIELDS
    ]
    if not manifest.rows:
        violations.append(Violation("rows", "the vehicle table has no rows"))
    elif len(manifest.rows) > MAX_ROWS:
        violations.append(Violation("rows", f"at most {MAX_ROWS} vehicles per manifest"))
    return violations


def _nested(flat: dict[str, str]) -> dict[str, Any]:
    """``{"transport.mode": "rail"}`` → ``{"transport": {"mode": "rail"}}``."""
    nested: dict[str, Any] = {}
    for key, value in flat.items():
        *parents, name = key.split(".")
        node = nested
        for parent in parents:
            node = node.setdefault(parent, {})
            if not isinstance(node, dict):
                break
        else:
            node[name] = (
                [v.strip() for v in value.split(";") if v.strip()] if key in LIST_KEYS else value
            )
    return nested


def _item(row: dict[str, str], defaults: dict[str, str]) -> dict[str, Any]:
    cells = {**defaults, **row}
    vehicle = {name: cells[name] for name in VEHICLE_COLUMNS if name in cells}
    item: dict[str, Any] = {name: cells[name] for name in ITEM_COLUMNS if name in cells}
    named = " ".join(filter(None, (vehicle.get("make"), vehicle.get("model"))))
    if named and "description" not in item:
        item["description"] = named
    return {**item, "quantity": "1", "unit": "PCE", "vehicle": vehicle}


def _row_rules(items: list[dict[str, Any]]) -> list[Violation]:
    """The declaration service's row rules, checked before any part is lodged."""
    violations = []
    first_row_of: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        vehicle = item["vehicle"]
        at = f"rows[{number}]"
        vin = vehicle.get("vin")
        if vin:
            if problem := vin_problem(vin):
                violations.append(Violation(f"{at}.vin", problem))
            elif vin in first_row_of:
                violations.append(
                    Violation(f"{at}.vin", f"the same VIN is on row {first_row_of[vin]}")
                )
            first_row_of.setdefault(vin, number)
        if vehicle.get("condition") == VehicleCondition.USED.value:
            for paper in ("deregistration_certificate", "export_licence"):
                if not vehicle.get(paper):
                    violations.append(
                        Violation(f"{at}.{paper}", "a used vehicle needs this number")
                    )
        elif vehicle.get("condition") == VehicleCondition.NEW.value and vehicle.get(
            "first_registration"
        ):
            violations.append(
                Violation(f"{at}.first_registration", "a registered vehicle is used: declare it so")
            )
    return violations


def _totals(items: list[dict[str, Any]]) -> dict[str, Any]:
    """What the items add up to, per currency (a value that is no number is named elsewhere)."""
    summed: dict[str, Decimal] = defaultdict(Decimal)
    for item in items:
        try:
            summed[str(item.get("currency"))] += Decimal(str(item.get("value")))
        except InvalidOperation:
            continue
    return {"item_count": len(items), "value": {c: str(v) for c, v in summed.items()}}


def _violation(
    location: tuple[int | str, ...], message: str, offset: int, part: int
) -> Violation | None:
    if location[:1] == ("totals",):
        return None  # computed from the rows: a row's own fault is named at the row
    if location[:1] == ("items",) and len(location) > 1 and isinstance(location[1], int):
        rest = [str(name) for name in location[2:] if name != "vehicle"]
        column = rest[0] if rest else ""
        return Violation(
            f"rows[{offset + location[1] + 1}]" + (f".{column}" if column else ""), message
        )
    path = ".".join(str(name) for name in location)
    return Violation(f"consignment.{path}", message)


def _order(violation: Violation) -> tuple[int, int, str]:
    field = violation.field
    if field.startswith("rows["):
        index = field.removeprefix("rows[").partition("]")[0]
        return (2, int(index) if index.isdigit() else 0, field)
    return (0 if field.startswith("consignment") else 1, 0, field)
