"""The whole system against the design's targets, every service its own process.

* throughput: declarations per second from submission at the gateway to the release event,
  with as many in flight as the system takes (green lane);
* latency: submission to release event at a steady 200 declarations per second, p50/p99;
* a status read through the gateway, p50/p99.

Run with ``make bench`` (``python -m bench``); it starts private PostgreSQL and Kafka, and the
services on free ports, so it never drives a ``make run`` that is up beside it.
"""

import asyncio
import statistics
import time
from typing import Any
from uuid import uuid4

import aiohttp
from aiokafka import AIOKafkaConsumer

from clearway_contracts.events.release import TOPIC as RELEASE_TOPIC
from clearway_contracts.events.release import Released
from tests.support.rules import DETERMINISTIC_RULESET
from tests.support.samples import bodies

FORWARDER = "cwk_demo6501_Silk-Road-Auto-Export-demo-key-not-for-production"


class ReleaseWatch:
    """Notes when each declaration's release event reaches Kafka's consumers."""

    def __init__(self, kafka: dict[str, Any]) -> None:
        """``kafka``: the client options of the admin principal, who may read every topic."""
        self.released_at: dict[str, float] = {}
        self._consumer = AIOKafkaConsumer(
            RELEASE_TOPIC,
            **kafka,
            group_id=f"bench-{uuid4().hex}",
            auto_offset_reset="latest",
        )
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._consumer.start()
        while not self._consumer.assignment():
            await asyncio.sleep(0.1)
        self._task = asyncio.create_task(self._watch())

    async def _watch(self) -> None:
        async for record in self._consumer:
            headers = dict(record.headers)
            if headers.get("ce_type") == Released.event_type.encode():
                self.released_at[headers["ce_subject"].decode()] = time.perf_counter()

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
        await self._consumer.stop()

    async def wait_for(self, ids: set[str], timeout: float) -> None:
        deadline = time.perf_counter() + timeout
        while not ids <= self.released_at.keys():
            if time.perf_counter() > deadline:
                missing = len(ids - self.released_at.keys())
                raise RuntimeError(f"{missing} declarations never released within {timeout}s")
            await asyncio.sleep(0.05)


async def lodge(session: aiohttp.ClientSession, gateway: str, submitted: dict[str, float]) -> str:
    started = time.perf_counter()
    async with session.post(
        f"{gateway}/v1/declarations",
        json=bodies.local_car(),
        headers={"X-API-Key": FORWARDER},
    ) as response:
        body = await response.json()
        if response.status != 201:
            raise RuntimeError(f"lodging failed: {response.status} {body}")
    submitted[body["id"]] = started
    return str(body["id"])


def percentiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "p50 ms": 1000 * statistics.median(values),
        "p99 ms": 1000 * values[min(len(values) - 1, int(len(values) * 0.99))],
    }


async def throughput(
    watch: ReleaseWatch, *, gateway: str, count: int, in_flight: int
) -> dict[str, Any]:
    submitted: dict[str, float] = {}
    queue = iter(range(count))
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=in_flight)) as session:

        async def worker() -> None:
            for _ in queue:
                await lodge(session, gateway, submitted)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        await watch.wait_for(set(submitted), timeout=600)
    elapsed = max(watch.released_at[i] for i in submitted) - started
    latencies = [watch.released_at[i] - submitted[i] for i in submitted]
    return {"declarations/s": count / elapsed, **percentiles(latencies)}


async def steady(
    watch: ReleaseWatch, *, gateway: str, rate: float, seconds: float
) -> dict[str, Any]:
    submitted: dict[str, float] = {}
    async with aiohttp.ClientSession() as session:
        tasks = []
        started = time.perf_counter()
        for n in range(int(rate * seconds)):
            await asyncio.sleep(max(0.0, started + n / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(lodge(session, gateway, submitted)))
        await asyncio.gather(*tasks)
        await watch.wait_for(set(submitted), timeout=600)
    achieved = len(submitted) / (time.perf_counter() - started)
    latencies = [watch.released_at[i] - submitted[i] for i in submitted]
    return {"offered/s": rate, "achieved/s": achieved, **percentiles(latencies)}


async def status_reads(
    ids: list[str], *, gateway: str, seconds: float, clients: int
) -> dict[str, Any]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    async with aiohttp.ClientSession() as session:

        async def client(offset: int) -> None:
            n = offset
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                async with session.get(
                    f"{gateway}/v1/declarations/{ids[n % len(ids)]}",
                    headers={"X-API-Key": FORWARDER},
                ) as response:
                    await response.read()
                latencies.append(time.perf_counter() - started)
                n += clients

        await asyncio.gather(*(client(i) for i in range(clients)))
    return {"reads/s": len(latencies) / seconds, **percentiles(latencies)}


async def publish_deterministic_rules(*, gateway: str, admin_token: str) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{gateway}/v1/risk/rulesets",
            json=DETERMINISTIC_RULESET,
            headers={"Authorization": f"Bearer {admin_token}"},
        ) as response,
    ):
        if response.status != 201:
            raise RuntimeError(f"publishing the rule set failed: {await response.text()}")


async def run(
    *,
    gateway: str,
    kafka: dict[str, Any],
    admin_token: str,
    count: int,
    in_flight: int,
    rate: float,
    seconds: float,
) -> dict[str, dict[str, Any]]:
    await publish_deterministic_rules(gateway=gateway, admin_token=admin_token)
    watch = ReleaseWatch(kafka)
    await watch.start()
    try:
        print("  system: warming up…", flush=True)
        await throughput(watch, gateway=gateway, count=200, in_flight=16)
        print(f"  system: throughput, {count} declarations, {in_flight} in flight…", flush=True)
        result = {
            "throughput": await throughput(watch, gateway=gateway, count=count, in_flight=in_flight)
        }
        print(f"  system: steady {rate:.0f}/s for {seconds:.0f} s…", flush=True)
        result["steady"] = await steady(watch, gateway=gateway, rate=rate, seconds=seconds)
        print("  system: status reads…", flush=True)
        result["reads"] = await status_reads(
            list(watch.released_at)[:500], gateway=gateway, seconds=seconds, clients=8
        )
    finally:
        await watch.stop()
    return result
