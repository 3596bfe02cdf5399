"""The background worker that marks missed appointments and frees their places."""

import asyncio
from datetime import timedelta

from clearway_inspection.appointments import service
from clearway_platform.clock import Clock
from clearway_platform.web.background import Worker
from clearway_platform.web.runtime import Runtime


def missed_appointments_sweeper(*, grace: timedelta, every: float, clock: Clock) -> Worker:
    async def run(runtime: Runtime) -> None:
        while True:
            while await service.mark_missed(uow=runtime.uow(), grace=grace, clock=clock):
                pass  # a full batch: there may be more
            await asyncio.sleep(every)

    return Worker(name="missed appointments sweeper", run=run)
