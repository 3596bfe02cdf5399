"""FastAPI dependencies every service's views use."""

from typing import Annotated

from fastapi import Depends, Request

from clearway_shared.uow import UnitOfWork
from clearway_shared.web.identity import Caller, caller_from_request
from clearway_shared.web.runtime import Runtime

# Dependencies that do no I/O are still ``async``: FastAPI runs a plain ``def`` in its thread
# pool, three thread hops a request (5-10% of the declaration service's CPU under load).


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_uow(runtime: Annotated[Runtime, Depends(get_runtime)]) -> UnitOfWork:
    return runtime.uow()


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
UowDep = Annotated[UnitOfWork, Depends(get_uow)]
CallerDep = Annotated[Caller, Depends(caller_from_request)]
