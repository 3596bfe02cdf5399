"""Manifest import benchmark (not a test): a 256-car train checked, and checked and lodged,
through the gateway, from CSV and from XLSX.

    uv run python -m bench.manifest [--rows 256] [--runs 5]

Starts its own PostgreSQL (fsync on) and Kafka, and every service its own process as
`make bench` does; prints the pgbench commit rate of the same run beside the figures, since
absolute figures drift between machines. Each run sends a fresh train (new VINs) under a new
Idempotency-Key; the time is the client's, from the first byte sent to the answer.
"""

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp

from bench.baseline import pgbench_inserts
from bench.system import FORWARDER
from clearway_infra.ports import free_port
from clearway_infra.stack import LocalStack
from clearway_infra.system import SERVICES, on_ports, prepare, start_services, stop_services
from tests.support.samples.manifest_files import XLSX, as_csv, as_xlsx, train_rows

TARGET_SECONDS = 5.0  # issue 12: 256 rows validated and lodged


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.manifest")
    parser.add_argument("--rows", type=int, default=256, help="vehicles per manifest")
    parser.add_argument("--runs", type=int, default=5, help="manifests per scenario")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="clearway-bench-manifest-"))
    folder.chmod(0o755)
    stack = LocalStack.ephemeral(folder)
    try:
        print("bench: starting PostgreSQL and Kafka…", flush=True)
        stack.up(databases=["bench", *(service.name for service in SERVICES)], fast=False)
        assert stack.postgres is not None
        baseline = pgbench_inserts(stack.postgres.dsn("bench"), clients=1, seconds=5)
        services = on_ports(
            {service.name: free_port() for service in SERVICES},
            {service.name: free_port() for service in SERVICES},
        )
        prepare(stack, services)
        processes = start_services(stack, folder / "logs", services)
        try:
            gateway = next(s.url for s in services if s.name == "gateway")
            results = asyncio.run(_measure(gateway, rows=args.rows, runs=args.runs))
        finally:
            stop_services(processes)
    finally:
        stack.down()
        shutil.rmtree(folder, ignore_errors=True)

    print()
    print(f"pgbench one-row inserts, 1 client (baseline): {baseline:,.0f}/s")
    print(
        f"{'scenario (' + str(args.rows) + ' rows)':<40}{'median s':>10}{'max s':>10}{'rows/s':>10}"
    )
    for name, seconds in results.items():
        median = statistics.median(seconds)
        print(f"{name:<40}{median:>10.2f}{max(seconds):>10.2f}{args.rows / median:>10,.0f}")
    worst = max(max(results["CSV: checked and lodged"]), max(results["XLSX: checked and lodged"]))
    verdict = "within" if worst < TARGET_SECONDS else "OVER"
    print(f"slowest lodged manifest {worst:.2f} s: {verdict} the {TARGET_SECONDS:.0f} s target")


async def _measure(gateway: str, *, rows: int, runs: int) -> dict[str, list[float]]:
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(gateway, timeout=timeout) as session:
        print("bench: warming up…", flush=True)
        await _send(session, as_csv(train_rows(rows)), "text/csv", dry_run=False)
        results: dict[str, list[float]] = {}
        scenarios: list[tuple[str, str, Callable[[list[dict[str, str]]], bytes], bool]] = [
            ("CSV: checked only (dry run)", "text/csv", as_csv, True),
            ("CSV: checked and lodged", "text/csv", as_csv, False),
            ("XLSX: checked only (dry run)", XLSX, as_xlsx, True),
            ("XLSX: checked and lodged", XLSX, as_xlsx, False),
        ]
        for name, kind, render, dry_run in scenarios:
            print(f"bench: {name}, {runs} runs…", flush=True)
            results[name] = [
                await _send(session, render(train_rows(rows)), kind, dry_run=dry_run)
                for _ in range(runs)
            ]
    return results


async def _send(session: aiohttp.ClientSession, file: bytes, kind: str, *, dry_run: bool) -> float:
    headers = {"X-API-Key": FORWARDER, "Content-Type": kind, "Idempotency-Key": str(time.time_ns())}
    started = time.perf_counter()
    async with session.post(
        "/v1/manifests",
        data=file,
        headers=headers,
        params={"dry_run": "true"} if dry_run else {},
    ) as response:
        body = await response.read()
    elapsed = time.perf_counter() - started
    if response.status != (200 if dry_run else 201):
        raise RuntimeError(f"the import answered {response.status}: {body[:500]!r}")
    return elapsed


if __name__ == "__main__":
    main()
