"""A token bucket per API key, kept in this process.

Each gateway replica limits on its own, so the effective limit is the per-replica rate times
the number of replicas: simple, no shared store on the hot path, good enough to stop a
runaway ERP. A cluster-wide limit would need a shared counter (e.g. in PostgreSQL or Redis).
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(
        self,
        *,
        per_second: float,
        burst: int,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rate = per_second
        self._burst = burst
        self._now = monotonic
        self._buckets: dict[str, _Bucket] = {}

    def retry_after(self, key: str) -> int | None:
        """Take one request from ``key``'s bucket: None if allowed, else whole seconds to wait."""
        now = self._now()
        bucket = self._buckets.setdefault(key, _Bucket(tokens=self._burst, updated=now))
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return None
        return max(1, math.ceil((1 - bucket.tokens) / self._rate))
