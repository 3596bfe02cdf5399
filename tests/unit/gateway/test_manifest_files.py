"""Manifest files read and mapped onto the lodge contract: every row's faults named at once."""

from datetime import date
from pathlib import Path

import pytest

from clearway_gateway.manifests import files
from clearway_gateway.manifests.examples import CSV_EXAMPLE
from clearway_gateway.manifests.models import parts_of, row_field
from clearway_platform.domain_errors import InvalidInput
from tests.support.samples.manifest_files import TRAIN_HEADER, XLSX, as_csv, as_xlsx, train_rows


def fields(error: InvalidInput) -> list[str]:
    return [violation.field for violation in error.violations]


def test_a_csv_train_is_one_declaration_of_every_row() -> None:
    rows = train_rows(16)
    [part] = parts_of(files.read(as_csv(rows), "text/csv"), per_declaration=1000)
    body = part.body
    assert (part.first_row, part.last_row) == (1, 16)
    assert [item.vehicle.vin for item in body.items if item.vehicle] == [r["vin"] for r in rows]
    assert [item.line for item in body.items] == list(range(1, 17))
    assert body.transport.mode == "rail_car_carrier"
    assert body.consignment_reference == "JSQ-2026-0412"
    assert body.totals.value == {"USD": sum(body.items[i].value for i in range(16))}
    used = body.items[7].vehicle
    assert used is not None
    assert (used.condition, used.odometer_km) == ("used", 41250)
    assert used.first_registration == date(2023, 5, 17)
    assert body.items[0].description == "Changan CS75 Plus"


def test_a_long_manifest_is_cut_into_declarations_numbered_from_line_one() -> None:
    parts = parts_of(files.read(as_csv(train_rows(7)), "text/csv"), per_declaration=3)
    assert [(p.first_row, p.last_row) for p in parts] == [(1, 3), (4, 6), (7, 7)]
    assert [item.line for item in parts[1].body.items] == [1, 2, 3]
    assert parts[2].body.totals.item_count == 1


def test_xlsx_reads_as_csv_does_with_numbers_and_dates_typed_in_cells() -> None:
    rows: list[dict[str, object]] = [dict(row) for row in train_rows(8)]
    rows[7] |= {"value": 9200, "odometer_km": 41250.0, "first_registration": date(2023, 5, 17)}
    [part] = parts_of(files.read(as_xlsx(rows), XLSX), per_declaration=1000)
    vehicle = part.body.items[7].vehicle
    assert vehicle is not None
    assert (vehicle.odometer_km, vehicle.first_registration) == (41250, date(2023, 5, 17))
    assert str(part.body.items[7].value) == "9200"


def test_every_fault_of_every_row_is_named_at_once_by_row_and_column() -> None:
    rows = train_rows(12)
    rows[1]["vin"] = (
        rows[1]["vin"][:8] + ("0" if rows[1]["vin"][8] != "0" else "1") + rows[1]["vin"][9:]
    )
    rows[4]["power"] = "steam"
    rows[6]["value"] = "lots"
    del rows[7]["export_licence"]  # row 8 is used
    rows[9]["vin"] = rows[0]["vin"]
    rows[10]["first_registration"] = "2024-01-01"  # new, yet registered
    header = {**TRAIN_HEADER, "transport.mode": "camel"}
    with pytest.raises(InvalidInput) as refused:
        parts_of(files.read(as_csv(rows, header), "text/csv"), per_declaration=5)
    assert fields(refused.value) == [
        "consignment.transport.mode",
        "rows[2].vin",
        "rows[5].power",
        "rows[7].value",
        "rows[8].export_licence",
        "rows[10].vin",
        "rows[11].first_registration",
    ]
    assert "nothing was lodged" in refused.value.detail


def test_unknown_columns_and_a_missing_separator_are_named() -> None:
    text = as_csv(train_rows(1)).decode().replace("vin,make", "vin,colour", 1)
    with pytest.raises(InvalidInput) as refused:
        parts_of(files.read(text.encode(), "text/csv"), per_declaration=10)
    assert "columns.colour" in fields(refused.value)
    text = as_csv(train_rows(1)).decode().replace("mode,integrated", "mood,integrated", 1)
    with pytest.raises(InvalidInput) as refused:
        parts_of(files.read(text.encode(), "text/csv"), per_declaration=10)
    assert "consignment.mood" in fields(refused.value)
    with pytest.raises(InvalidInput) as refused:
        files.read(b"mode,local\nvin,make\n", "text/csv")
    assert fields(refused.value) == ["(file)"]


def test_an_xlsx_without_its_sheets_or_a_pdf_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        files.read(b"PK\x03\x04 not really", None)
    assert fields(refused.value) == ["(file)"]
    with pytest.raises(files.UnsupportedFormat):
        files.read(b"%PDF-1.7", "application/pdf")


def test_the_declaration_services_paths_become_the_manifests() -> None:
    assert row_field("items[3].vehicle.vin", 1000) == "rows[1004].vin"
    assert row_field("items[0].value", 0) == "rows[1].value"
    assert row_field("declarant.customs_code", 0) == "consignment.declarant.customs_code"


@pytest.mark.parametrize(
    "content",
    [
        (Path(__file__).parents[3] / "docs/examples/manifest-train.csv").read_bytes(),
        CSV_EXAMPLE.encode(),
    ],
    ids=["docs/examples/manifest-train.csv", "the OpenAPI example"],
)
def test_the_documented_examples_are_valid_manifests(content: bytes) -> None:
    [part] = parts_of(files.read(content, "text/csv"), per_declaration=1000)
    assert part.body.transport.mode == "rail_car_carrier"
