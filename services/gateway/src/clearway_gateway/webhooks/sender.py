"""One delivery over HTTP, signed by the Standard Webhooks specification (the
``standardwebhooks`` library signs; we only choose the id and the body).

``webhook-id`` is the CloudEvent's id, the same for every attempt and redelivery of an event
to any subscription, so a receiver dedupes by it; the body is the CloudEvent as JSON.
"""

import json
import time
from datetime import datetime

import aiohttp
from standardwebhooks import Webhook

from clearway_gateway.feed.models import FeedEvent
from clearway_gateway.webhooks.models import Attempt


def body_of(event: FeedEvent) -> str:
    return json.dumps(event.cloud_event(), default=_iso, separators=(",", ":"))


def signed_headers(secret: str, event: FeedEvent, body: str, now: datetime) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": event.id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(event.id, now, body),
    }


async def send(
    client: aiohttp.ClientSession, *, url: str, secret: str, event: FeedEvent, now: datetime
) -> Attempt:
    body = body_of(event)
    started = time.perf_counter()
    status: int | None = None
    error: str | None = None
    try:
        async with client.post(
            url, data=body.encode(), headers=signed_headers(secret, event, body, now)
        ) as response:
            status = response.status
            await response.read()
            if not 200 <= status < 300:
                error = f"HTTP {status}"
    except TimeoutError:
        error = "timed out"
    except aiohttp.ClientError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    latency = round((time.perf_counter() - started) * 1000)
    return Attempt(attempted_at=now, status_code=status, error=error, latency_ms=latency)


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
