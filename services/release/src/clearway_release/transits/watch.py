"""The overdue watch: a background worker raising one TransitOverdue per late transit.

It runs in every ``worker`` replica; ``claim_overdue`` makes each report happen once. Time
comes from the injected clock, so tests move the clock instead of sleeping.
"""

import asyncio

from clearway_platform.clock import Clock
from clearway_platform.web.background import Worker
from clearway_platform.web.runtime import Runtime
from clearway_release.transits import service


def overdue_watch(*, clock: Clock, every_seconds: float, batch: int) -> Worker:
    async def run(runtime: Runtime) -> None:
        while True:
            while await service.raise_overdue(uow=runtime.uow(), now=clock(), limit=batch) == batch:
                pass  # a full batch: more may be waiting
            await asyncio.sleep(every_seconds)

    return Worker(name="overdue watch", run=run)
