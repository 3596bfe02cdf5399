"""Subscriptions and deliveries, the retry schedule, and what a delivery's outcome means."""

import base64
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID


class SubscriptionState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"  # by the declarant; nothing is lost, deliveries wait
    DISABLED = "disabled"  # by us, after sustained failure; the declarant resumes it


class DeliveryState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # gave up after the retry period; redeliver by hand


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter, for ``retry_for`` after the first attempt."""

    base: timedelta
    cap: timedelta
    retry_for: timedelta
    disable_after: timedelta  # a subscription failing this long is disabled
    timeout: timedelta

    def next_attempt(self, *, attempts: int, now: datetime) -> datetime:
        ceiling = min(self.base * 2 ** min(attempts - 1, 30), self.cap)
        jittered: timedelta = ceiling * random.uniform(0.5, 1.0)  # jitter, not a secret
        return now + jittered


@dataclass(frozen=True)
class Subscription:
    subscription_id: UUID
    declarant: str
    url: str
    event_types: list[str]
    state: SubscriptionState
    disabled_reason: str | None
    failing_since: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class Attempt:
    attempted_at: datetime
    status_code: int | None
    error: str | None
    latency_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class Delivery:
    delivery_id: int
    subscription_id: UUID
    position: int
    event_id: str
    event_type: str
    declaration_id: UUID
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    delivered_at: datetime | None
    log: list[Attempt]
