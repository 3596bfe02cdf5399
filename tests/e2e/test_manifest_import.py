"""A whole train from one file, through the gateway to the declaration service and Kafka:
every row checked, every fault named at once, nothing lodged twice."""

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest

from tests.e2e.conftest import System
from tests.support.samples.manifest_files import TRAIN_HEADER, XLSX, as_csv, as_xlsx, train_rows

CSV = {"Content-Type": "text/csv"}


def header() -> dict[str, str]:
    return {**TRAIN_HEADER, "consignment_reference": f"JSQ-{uuid4().hex[:10]}"}


async def consignment(forwarder: httpx.AsyncClient, reference: str) -> list[dict[str, Any]]:
    response = await forwarder.get(
        "/v1/declarations", params={"consignment_reference": reference, "limit": 200}
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_256_car_csv_train_is_lodged_as_one_declaration_and_a_retry_replays_it(
    system: System,
) -> None:
    forwarder, head, rows = system.forwarder(), header(), train_rows(256)
    file, key = as_csv(rows, head), f"train-{uuid4()}"

    response = await forwarder.post(
        "/v1/manifests", content=file, headers=CSV | {"Idempotency-Key": key}
    )

    assert response.status_code == 201, response.text
    answer = response.json()
    assert (answer["rows"], answer["dry_run"], answer["replayed"]) == (256, False, False)
    [part] = answer["declarations"]
    assert (part["first_row"], part["last_row"], part["item_count"]) == (1, 256, 256)
    assert part["routing"]["exit_office"] == "8021"
    assert answer["declaring_office_hours"]["office"] == "8601"
    lodged = (await forwarder.get(f"/v1/declarations/{part['id']}")).json()
    assert lodged["customs_number"] == part["customs_number"]
    assert [item["vehicle"]["vin"] for item in lodged["items"]] == [row["vin"] for row in rows]
    assert lodged["items"][7]["vehicle"]["odometer_km"] == 41250
    assert lodged["totals"]["item_count"] == 256

    again = await forwarder.post(
        "/v1/manifests", content=file, headers=CSV | {"Idempotency-Key": key}
    )

    assert again.status_code == 201, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["replayed"] is True
    assert again.json()["declarations"][0]["id"] == part["id"]
    assert [d["id"] for d in await consignment(forwarder, head["consignment_reference"])] == [
        part["id"]
    ]


async def test_an_xlsx_with_bad_rows_answers_every_fault_and_lodges_nothing(
    system: System,
) -> None:
    forwarder, head = system.forwarder(), header()
    rows: list[dict[str, Any]] = [dict(row) for row in train_rows(40)]
    rows[2]["vin"] = "LRW12345"  # too short
    rows[16]["condition"] = "scrap"
    del rows[23]["deregistration_certificate"]  # row 24 is used
    rows[35]["value"] = -5

    response = await forwarder.post(
        "/v1/manifests",
        content=as_xlsx(rows, head),
        headers={"Content-Type": XLSX, "Idempotency-Key": f"bad-{uuid4()}"},
    )

    assert response.status_code == 422, response.text
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert [error["field"] for error in response.json()["errors"]] == [
        "rows[3].vin",
        "rows[17].condition",
        "rows[24].deregistration_certificate",
        "rows[36].value",
    ]
    assert await consignment(forwarder, head["consignment_reference"]) == []


async def test_a_long_train_is_split_and_a_retry_after_a_refusal_lodges_nothing_twice(
    system: System,
) -> None:
    forwarder, head, rows = system.forwarder(), header(), train_rows(25)
    earlier = await forwarder.post(
        "/v1/manifests",
        content=as_csv([rows[21]], header()),
        headers=CSV | {"Idempotency-Key": f"earlier-{uuid4()}"},
    )
    assert earlier.status_code == 201, earlier.text
    key = f"split-{uuid4()}"

    # Part 3 (rows 21-25) declares a VIN already declared: only the service knows it.
    refused = await forwarder.post(
        "/v1/manifests",
        params={"items_per_declaration": 10},
        content=as_csv(rows, head),
        headers=CSV | {"Idempotency-Key": key},
    )

    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["instance"] == "/v1/manifests"
    assert problem["detail"].startswith("part 3 (rows 21-25): ")
    assert [error["field"] for error in problem["errors"]] == ["rows[22].vin"]
    assert [part["part"] for part in problem["lodged"]] == [1, 2]

    rows[21]["vin"] = train_rows(1)[0]["vin"]
    fixed = await forwarder.post(
        "/v1/manifests",
        params={"items_per_declaration": 10},
        content=as_csv(rows, head),
        headers=CSV | {"Idempotency-Key": key},
    )

    assert fixed.status_code == 201, fixed.text
    parts = fixed.json()["declarations"]
    assert [(p["first_row"], p["last_row"], p["replayed"]) for p in parts] == [
        (1, 10, True),
        (11, 20, True),
        (21, 25, False),
    ]
    assert [p["id"] for p in parts[:2]] == [p["id"] for p in problem["lodged"]]
    listed = await consignment(forwarder, head["consignment_reference"])
    assert sorted(d["item_count"] for d in listed) == [5, 10, 10]


async def test_a_dry_run_checks_and_lodges_nothing(system: System) -> None:
    forwarder, head = system.forwarder(), header()

    response = await forwarder.post(
        "/v1/manifests",
        params={"dry_run": "true"},
        content=as_csv(train_rows(3), head),
        headers=CSV,
    )

    assert response.status_code == 200, response.text
    [part] = response.json()["declarations"]
    assert (part["item_count"], part["id"], part["customs_number"]) == (3, None, None)
    assert await consignment(forwarder, head["consignment_reference"]) == []


async def test_a_file_neither_csv_nor_xlsx_and_a_missing_key_are_refused(system: System) -> None:
    forwarder = system.forwarder()
    pdf = await forwarder.post(
        "/v1/manifests", content=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}
    )
    assert pdf.status_code == 415, pdf.text
    keyless = await forwarder.post("/v1/manifests", content=as_csv(train_rows(1)), headers=CSV)
    assert keyless.status_code == 422, keyless.text
    assert [error["field"] for error in keyless.json()["errors"]] == ["Idempotency-Key"]


async def cli(*arguments: str) -> tuple[int, str, str]:
    """``python -m clearway_gateway manifest import ...`` in its own process."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "clearway_gateway",
        "manifest",
        "import",
        *arguments,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "COLUMNS": "200"},
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


# Seven CLI processes, each importing the gateway: on a loaded 2-core runner that alone can
# pass pytest's default 300 s.
@pytest.mark.timeout(900)
async def test_the_cli_lodges_a_train_reports_it_and_says_what_is_wrong(
    system: System, tmp_path: Path
) -> None:
    head, rows = header(), train_rows(20)
    manifest, report = tmp_path / "train.xlsx", tmp_path / "report.json"
    manifest.write_bytes(as_xlsx([dict(row) for row in rows], head))
    key, api_key = f"cli-{uuid4()}", system.api_keys["6501234567"]
    common = ("--gateway", system.gateway_url, "--api-key", api_key, "--report", str(report))

    code, out, err = await cli(str(manifest), "--key", key, *common)

    assert code == 0, err
    written = json.loads(report.read_text())
    assert (written["ok"], written["status"], written["rows"]) == (True, 201, 20)
    [part] = written["answer"]["declarations"]
    assert part["customs_number"] in out
    assert "20 vehicles lodged" in out
    again, out, _ = await cli(str(manifest), "--key", key, *common)
    assert again == 0
    assert "20 vehicles replayed" in out
    assert json.loads(report.read_text())["answer"]["declarations"][0]["id"] == part["id"]

    rows[4]["power"] = "steam"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(as_csv(rows, header()))
    code, _, err = await cli(str(bad), "--key", f"cli-{uuid4()}", *common)
    assert code == 1
    assert "rows[5].power" in err
    assert [e["field"] for e in json.loads(report.read_text())["answer"]["errors"]] == [
        "rows[5].power"
    ]

    code, _, err = await cli(str(tmp_path / "missing.csv"), "--key", key, *common)
    assert (code, "no such file" in err) == (2, True)
    (tmp_path / "train.pdf").write_bytes(b"%PDF")
    code, _, err = await cli(str(tmp_path / "train.pdf"), "--key", key, *common)
    assert (code, ".csv or .xlsx" in err) == (2, True)
    unreachable = ("--gateway", "http://127.0.0.1:9", "--api-key", api_key)
    code, _, err = await cli(str(manifest), "--key", key, *unreachable)
    assert (code, "cannot reach the gateway" in err) == (3, True)
