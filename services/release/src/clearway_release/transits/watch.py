"""The overdue watch: a background worker raising one TransitOverdue per late transit, and
setting ``clearway_transits_overdue`` from the database on each round.

It runs in every ``worker`` replica; ``claim_overdue`` makes each report happen once. Time
comes from the injected clock, so tests move the clock instead of sleeping.
"""

import asyncio

from clearway_platform.clock import Clock
from clearway_platform.web.background import Worker
from clearway_platform.web.runtime import Runtime
from clearway_release import metrics
from clearway_release.transits import service


def overdue_watch(*, clock: Clock, every_seconds: float, batch: int) -> Worker:
    async def run(runtime: Runtime) -> None:
        while True:
            while await service.raise_overdue(uow=runtime.uow(), now=clock(), limit=batch) == batch:
                pass  # a full batch: more may be waiting
            now = clock()
            metrics.TRANSITS_OVERDUE.set(await service.count_overdue(uow=runtime.uow(), now=now))
            await asyncio.sleep(every_seconds)

    return Worker(name="overdue watch", run=run)
