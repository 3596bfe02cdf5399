"""Manifest files as a forwarder's ERP exports them: a car-carrier train, as CSV or XLSX."""

import csv
import io
from typing import Any

from openpyxl import Workbook

from tests.support.samples.bodies import fresh_vin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TRAIN_HEADER = {
    "consignment_reference": "JSQ-2026-0412",
    "mode": "integrated",
    "declaring_office": "8601",
    "exit_office": "8021",
    "declarant.customs_code": "6501234567",
    "declarant.name": "Silk Road Auto Export Co.",
    "declarant.aeo_level": "advanced_certified",
    "exporter.name": "Silk Road Auto Export Co.",
    "exporter.country": "CN",
    "consignee.name": "Tashkent Auto Trade LLC",
    "consignee.country": "UZ",
    "destination_country": "UZ",
    "transport.mode": "rail_car_carrier",
    "transport.means_id": "X8052",
    "item.hs_code": "8703239090",
    "item.currency": "USD",
    "item.origin_country": "CN",
}
COLUMNS = (
    "vin",
    "make",
    "model",
    "power",
    "condition",
    "value",
    "first_registration",
    "odometer_km",
    "deregistration_certificate",
    "export_licence",
)


def train_rows(cars: int, *, used_every: int = 8) -> list[dict[str, str]]:
    """Changan CS75 Plus cars, every ``used_every``-th one used with its papers."""
    rows = []
    for number in range(1, cars + 1):
        row = {
            "vin": fresh_vin(),
            "make": "Changan",
            "model": "CS75 Plus",
            "power": "petrol",
            "condition": "new",
            "value": "14800.00",
        }
        if number % used_every == 0:
            row |= {
                "condition": "used",
                "value": "9200.00",
                "first_registration": "2023-05-17",
                "odometer_km": "41250",
                "deregistration_certificate": f"DR-6501-{number:06d}",
                "export_licence": f"EL-2026-{number:06d}",
            }
        rows.append(row)
    return rows


def as_csv(rows: list[dict[str, str]], header: dict[str, Any] = TRAIN_HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(header.items())
    writer.writerow([])
    writer.writerow(COLUMNS)
    writer.writerows([row.get(column, "") for column in COLUMNS] for row in rows)
    return out.getvalue().encode()


def as_xlsx(rows: list[dict[str, Any]], header: dict[str, Any] = TRAIN_HEADER) -> bytes:
    book = Workbook()
    consignment = book.active
    assert consignment is not None
    consignment.title = "consignment"
    for item in header.items():
        consignment.append(list(item))
    vehicles = book.create_sheet("vehicles")
    vehicles.append(list(COLUMNS))
    for row in rows:
        vehicles.append([row.get(column) for column in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
