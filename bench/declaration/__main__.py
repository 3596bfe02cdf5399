"""Declaration service benchmark (not a test): requests/s and p99 of create and get, the
service's CPU time per request, and its RSS.

    uv run python -m bench.declaration [--seconds 10] [--concurrency 16]

Starts its own PostgreSQL (fsync on) and Kafka, migrates, runs the service as its own process
(API, relay and consumer, as in development) and loads it over HTTP with aiohttp. The pgbench
commit rate of the same run is printed beside it, since absolute figures drift between machines;
CPU ms per request (the service process: API, relay and consumer) drifts less on a busy machine.
"""

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.baseline import pgbench_inserts
from clearway_contracts.identity import Caller, Role
from clearway_infra.ports import free_port
from clearway_infra.stack import LocalStack
from clearway_infra.system import Service, service_env
from clearway_platform.migrations import upgrade
from clearway_platform.web.identity_token import IDENTITY_HEADER
from tests.support.identity import identity_settings, identity_token
from tests.support.samples.bodies import DECLARANT, declaration, fresh_vin

REPO = Path(__file__).resolve().parents[2]
CALLER = Caller(Role.FORWARDER, actor="bench", tenant=DECLARANT)


def signed() -> dict[str, str]:
    """The identity the gateway would send: fresh enough for a run of any length."""
    return {IDENTITY_HEADER: identity_token(CALLER, "declaration")}


@dataclass(frozen=True)
class Result:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    cpu_seconds: float
    rss_mib: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_seconds * 1000 / self.requests


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.declaration")
    parser.add_argument("--seconds", type=float, default=10, help="duration of each scenario")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="clearway-bench-declaration-"))
    folder.chmod(0o755)
    stack = LocalStack.ephemeral(folder)
    try:
        print("bench: starting PostgreSQL and Kafka…", flush=True)
        stack.up(databases=["declaration"], fast=False)  # fsync on: real commit costs
        assert stack.postgres is not None
        database_url = stack.postgres.url("declaration")
        upgrade(
            database_url=database_url,
            migrations_dir=REPO / "services/declaration/migrations",
        )
        baseline = pgbench_inserts(
            stack.postgres.dsn("declaration"), clients=args.concurrency, seconds=5
        )
        port = free_port()
        service = _start_service(stack, port)
        try:
            results = asyncio.run(_load(f"http://127.0.0.1:{port}", service.pid, args))
        finally:
            service.terminate()
            service.wait(timeout=30)
    finally:
        stack.down()
        shutil.rmtree(folder, ignore_errors=True)

    print()
    print(f"pgbench one-row inserts, {args.concurrency} clients (baseline): {baseline:,.0f}/s")
    header = ("requests", "per second", "p50 ms", "p99 ms", "CPU ms/req", "RSS MiB")
    print(f"{'scenario':<28}" + "".join(f"{column:>11}" for column in header))
    for r in results:
        print(
            f"{r.name:<28}{r.requests:>11}{r.per_second:>11,.0f}"
            f"{r.p50_ms:>11.1f}{r.p99_ms:>11.1f}{r.cpu_ms_per_request:>11.2f}{r.rss_mib:>11.0f}"
        )


def _start_service(stack: LocalStack, port: int) -> subprocess.Popen[bytes]:
    """The declaration service as `make run` starts it: its database, its Kafka principal;
    the benchmark calls it as the gateway would, with the tests' identity key pair."""
    env = service_env(stack, Service("declaration", port, free_port())) | {
        "DECLARATION_LOG_LEVEL": "WARNING",
        "DECLARATION_GATEWAY_PUBLIC_KEYS": identity_settings()["gateway_public_keys"][0],
    }
    return subprocess.Popen(
        [sys.executable, "-m", "clearway_declaration", "serve", "--port", str(port)], env=env
    )


async def _load(url: str, pid: int, args: argparse.Namespace) -> list[Result]:
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(url, connector=connector) as session:
        await _wait_ready(session)
        created: list[str] = []

        async def create(vehicles: int) -> None:
            body = declaration(vins=[fresh_vin() for _ in range(vehicles)])
            async with session.post("/v1/declarations", json=body, headers=signed()) as response:
                if response.status != 201:
                    raise RuntimeError(
                        f"create answered {response.status}: {await response.text()}"
                    )
                created.append((await response.json())["id"])

        async def read() -> None:
            path = f"/v1/declarations/{created[len(created) // 2]}"
            async with session.get(path, headers=signed()) as response:
                if response.status != 200:
                    raise RuntimeError(f"get answered {response.status}")
                await response.read()

        return [
            await _scenario(
                "create, 1 vehicle", lambda: create(1), pid, args.seconds, args.concurrency
            ),
            await _scenario("create, 250 vehicles", lambda: create(250), pid, args.seconds, 4),
            await _scenario("get (1 vehicle)", read, pid, args.seconds, args.concurrency),
        ]


async def _wait_ready(session: aiohttp.ClientSession) -> None:
    async with asyncio.timeout(60):
        while True:
            try:
                async with session.get("/readyz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)


async def _scenario(
    name: str, request: Callable[[], Awaitable[None]], pid: int, seconds: float, concurrency: int
) -> Result:
    latencies: list[float] = []
    cpu_before = _cpu_seconds(pid)
    started = time.perf_counter()
    deadline = started + seconds

    async def client() -> None:
        while time.perf_counter() < deadline:
            sent = time.perf_counter()
            await request()
            latencies.append(time.perf_counter() - sent)

    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return Result(
        name=name,
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=latencies[len(latencies) // 2] * 1000,
        p99_ms=latencies[int(len(latencies) * 0.99)] * 1000,
        cpu_seconds=_cpu_seconds(pid) - cpu_before,
        rss_mib=_rss_mib(pid),
    )


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of the process so far (fields 14 and 15 of /proc/pid/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
