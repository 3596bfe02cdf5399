"""The offices in force, kept in memory: every declaration needs them to plan its route.

Loaded on first use, reloaded when older than ``max_age`` seconds (so a change made through
another replica arrives within that), and dropped at once when this replica changes one.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping

from clearway_gateway.offices.models import Office

Loader = Callable[[], Awaitable[Mapping[str, Office]]]


class OfficeDirectory:
    def __init__(self, load: Loader, *, max_age: float) -> None:
        self._load = load
        self._max_age = max_age
        self._offices: Mapping[str, Office] = {}
        self._loaded_at = float("-inf")
        self._lock = asyncio.Lock()

    async def offices(self) -> Mapping[str, Office]:
        if time.monotonic() - self._loaded_at > self._max_age:
            async with self._lock:
                if time.monotonic() - self._loaded_at > self._max_age:
                    self._offices = await self._load()
                    self._loaded_at = time.monotonic()
        return self._offices

    def invalidate(self) -> None:
        self._loaded_at = float("-inf")
