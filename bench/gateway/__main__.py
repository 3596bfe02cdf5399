"""Gateway overhead: the same read, directly from a service and through the gateway.

``uv run python -m bench.gateway [--seconds 10] [--clients 32]`` starts its own PostgreSQL
and Kafka, a stand-in service and the gateway (each its own uvicorn process), then measures
both paths in the same run with aiohttp clients. The stand-in verifies the identity token on
every request as a real service does; the direct path presents one the benchmark signed.
"""

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.gateway.stub_service import PUBLIC_KEY_ENV
from clearway_contracts.identity import Caller, Role
from clearway_gateway.settings import DEMO_API_KEY
from clearway_infra.ports import free_port
from clearway_infra.stack import LocalStack
from clearway_platform.signing_keys import new_key_pair
from clearway_platform.web.identity_token import IDENTITY_HEADER, IdentityMinter

PATH = "/v1/declarations/0b9a3f1e-3f43-4c1b-9a57-2d7f0f6b7a11"


async def load(
    url: str, headers: dict[str, str], *, seconds: float, clients: int
) -> dict[str, float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=clients)) as session:

        async def client() -> None:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                async with session.get(url + PATH, headers=headers) as response:
                    await response.read()
                    assert response.status == 200, response.status
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(client() for _ in range(clients)))
    latencies.sort()
    return {
        "requests/s": len(latencies) / seconds,
        "p50 ms": 1000 * statistics.median(latencies),
        "p99 ms": 1000 * latencies[int(len(latencies) * 0.99)],
    }


async def wait_up(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            try:
                async with session.get(url + "/healthz") as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


def uvicorn(app: str, port: int, env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--port",
        str(port),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--no-access-log",
        "--log-level",
        "warning",
        *extra,
    ]
    return subprocess.Popen(command, env=env)


async def main(seconds: float, clients: int, folder: Path) -> None:
    stack = LocalStack.ephemeral(folder)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        stack.up(databases=["gateway"], fast=True)
        assert stack.postgres is not None
        stub_port, gateway_port = free_port(), free_port()
        keys = new_key_pair()
        env = os.environ | {
            "CLEARWAY_PROFILE": "development",  # the demo API key
            "GATEWAY_INTERNAL_SIGNING_KEY": keys.private_pem,
            PUBLIC_KEY_ENV: keys.public_pem,
            "GATEWAY_DATABASE_URL": stack.postgres.url("gateway"),
            "GATEWAY_KAFKA_BOOTSTRAP_SERVERS": stack.kafka_bootstrap,
            "GATEWAY_DECLARATION_URL": f"http://127.0.0.1:{stub_port}",
            "GATEWAY_RATE_LIMIT_PER_SECOND": "1000000",
            "GATEWAY_RATE_LIMIT_BURST": "1000000",
            "GATEWAY_ROLES": '["api"]',
        }
        for command in ("migrate", "seed"):
            subprocess.run(
                [sys.executable, "-m", "clearway_gateway", command],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        processes.append(
            uvicorn("bench.gateway.stub_service:create_app", stub_port, env, "--factory")
        )
        processes.append(uvicorn("clearway_gateway.app:create_app", gateway_port, env, "--factory"))
        direct, gateway = f"http://127.0.0.1:{stub_port}", f"http://127.0.0.1:{gateway_port}"
        await wait_up(gateway)
        await load(gateway, {"X-API-Key": DEMO_API_KEY}, seconds=1, clients=clients)  # warm up
        caller = Caller(Role.FORWARDER, actor="bench", tenant="6501234567")
        signed = {IDENTITY_HEADER: IdentityMinter(keys.private_pem).token(caller, "declaration")}
        results = {
            "direct": await load(direct, signed, seconds=seconds, clients=clients),
            "through the gateway": await load(
                gateway, {"X-API-Key": DEMO_API_KEY}, seconds=seconds, clients=clients
            ),
        }
        print(f"GET {PATH}, {clients} clients, {seconds:g} s each")
        for name, figures in results.items():
            print(f"  {name:<20} " + "  ".join(f"{k} {v:8.1f}" for k, v in figures.items()))
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        stack.down()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.gateway")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="clearway-bench-"))
    folder.chmod(0o755)
    try:
        asyncio.run(main(args.seconds, args.clients, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
