"""The ``webhooks`` role: deliver each subscription's events, away from the API's requests.

A loop per process: fan the feed's new events out into deliveries, lease those that are due
(one at a time per subscription and declaration, so each declaration's events arrive in
order), send them concurrently, record each attempt. Leases make it safe to run several
replicas, and at-least-once across crashes: a lease that ends without a recorded attempt is
simply due again.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiohttp

from clearway_gateway.settings import Settings
from clearway_gateway.webhooks import sender, service
from clearway_gateway.webhooks.models import RetryPolicy
from clearway_gateway.webhooks.repository import Claimed
from clearway_platform.web.background import supervise
from clearway_platform.web.runtime import Runtime


@dataclass(frozen=True)
class DeliveryConfig:
    policy: RetryPolicy
    poll_seconds: float
    concurrency: int
    batch: int = 500


def config_of(settings: Settings) -> DeliveryConfig:
    return DeliveryConfig(
        policy=RetryPolicy(
            base=timedelta(seconds=settings.webhook_retry_base_seconds),
            cap=timedelta(seconds=settings.webhook_retry_max_seconds),
            retry_for=timedelta(seconds=settings.webhook_retry_for_seconds),
            disable_after=timedelta(seconds=settings.webhook_disable_after_seconds),
            timeout=timedelta(seconds=settings.webhook_timeout_seconds),
        ),
        poll_seconds=settings.webhook_poll_seconds,
        concurrency=settings.webhook_concurrency,
    )


async def deliver_forever(runtime: Runtime, config: DeliveryConfig) -> None:
    timeout = aiohttp.ClientTimeout(total=config.policy.timeout.total_seconds())
    lease = config.policy.timeout + timedelta(seconds=30)
    async with aiohttp.ClientSession(timeout=timeout) as client:
        while True:
            now = datetime.now(UTC)
            await service.fan_out(uow=runtime.uow(), now=now, batch=config.batch)
            claimed = await service.claim(
                uow=runtime.uow(), now=now, lease=lease, limit=config.concurrency
            )
            await asyncio.gather(*(_deliver(runtime, client, config, c) for c in claimed))
            if len(claimed) < config.concurrency:
                await asyncio.sleep(config.poll_seconds)


async def _deliver(
    runtime: Runtime, client: aiohttp.ClientSession, config: DeliveryConfig, claimed: Claimed
) -> None:
    attempt = await sender.send(
        client, url=claimed.url, secret=claimed.secret, event=claimed.event, now=datetime.now(UTC)
    )
    await service.record(uow=runtime.uow(), claimed=claimed, attempt=attempt, policy=config.policy)


@asynccontextmanager
async def deliveries(runtime: Runtime, config: DeliveryConfig) -> AsyncIterator[None]:
    task = asyncio.create_task(
        supervise("webhook deliveries", lambda: deliver_forever(runtime, config))
    )
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
