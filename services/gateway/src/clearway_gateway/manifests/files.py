"""A manifest file as read: the consignment's header and the vehicle table, all as text.

CSV: ``key,value`` rows for the consignment, one blank line, then the vehicle table (a row of
column names, then one row per vehicle). XLSX: the same in two sheets, ``consignment`` (key,
value) and ``vehicles`` (the table). Nothing here knows what a key or a column means: the
mapping (``models``) does.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from clearway_platform.domain_errors import InvalidInput, Violation

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = (CSV, XLSX)


class UnsupportedFormat(Exception):
    """Neither CSV nor XLSX: the client sent something else."""


@dataclass(frozen=True)
class ManifestFile:
    header: dict[str, str]  # consignment key → value
    columns: list[str]  # the vehicle table's column names, in file order
    rows: list[dict[str, str]]  # one per vehicle, only its non-empty cells


def read(content: bytes, content_type: str | None) -> ManifestFile:
    """The manifest in ``content``; InvalidInput naming what is malformed."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("", "application/octet-stream"):
        kind = XLSX if content.startswith(b"PK\x03\x04") else CSV
    if kind in (CSV, "application/csv", "text/plain"):
        return _csv(content)
    if kind == XLSX:
        return _xlsx(content)
    raise UnsupportedFormat(f"send the manifest as {CSV} or {XLSX}, not {kind}")


def _csv(content: bytes) -> ManifestFile:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput.at("(file)", f"a CSV manifest is UTF-8: {exc.reason}") from None
    try:
        lines = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise InvalidInput.at("(file)", f"not a readable CSV file: {exc}") from None
    blank = next((i for i, row in enumerate(lines) if not any(row)), None)
    if blank is None:
        raise InvalidInput.at(
            "(file)", "a blank line must separate the consignment header from the vehicle table"
        )
    return _assemble(lines[:blank], lines[blank + 1 :])


def _xlsx(content: bytes) -> ManifestFile:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput.at("(file)", f"not a readable XLSX workbook: {exc}") from None
    missing = [name for name in ("consignment", "vehicles") if name not in book.sheetnames]
    if missing:
        raise InvalidInput(
            "an XLSX manifest has the sheets consignment and vehicles",
            [Violation(f"sheets.{name}", "missing") for name in missing],
        )
    header, table = (
        [[_text(cell) for cell in row] for row in book[name].iter_rows(values_only=True)]
        for name in ("consignment", "vehicles")
    )
    book.close()
    return _assemble(header, table)


def _assemble(header_lines: list[list[str]], table: list[list[str]]) -> ManifestFile:
    violations = []
    header: dict[str, str] = {}
    for number, line in enumerate(header_lines, start=1):
        if not any(line):
            continue
        key, value = line[0], next((cell for cell in line[1:] if cell), "")
        if not key:
            violations.append(Violation(f"consignment[{number}]", "a header row is key,value"))
        elif key in header:
            violations.append(Violation(f"consignment.{key}", "given twice"))
        elif value:
            header[key] = value
    table = [line for line in table if any(line)]
    if not table:
        violations.append(Violation("vehicles", "the vehicle table has no column names"))
        raise InvalidInput("the manifest cannot be read", violations)
    columns = [name.lower() for name in table[0]]
    seen: set[str] = set()
    for name in columns:
        if name and name in seen:
            violations.append(Violation(f"columns.{name}", "given twice"))
        seen.add(name)
    rows = []
    for number, line in enumerate(table[1:], start=1):
        if len(line) > len(columns) and any(line[len(columns) :]):
            violations.append(Violation(f"rows[{number}]", "more cells than column names"))
        rows.append(
            {name: cell for name, cell in zip(columns, line, strict=False) if name and cell}
        )
    if violations:
        raise InvalidInput("the manifest cannot be read", violations)
    return ManifestFile(header=header, columns=[name for name in columns if name], rows=rows)


def _text(cell: object) -> str:
    """A spreadsheet cell as the text a CSV would carry."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, bool):
        return str(cell).lower()
    if isinstance(cell, float):
        # 18500.0 → 18500; a spreadsheet's binary float → its shortest decimal text
        return str(Decimal(repr(cell)).normalize()) if cell != int(cell) else str(int(cell))
    return str(cell).strip()
