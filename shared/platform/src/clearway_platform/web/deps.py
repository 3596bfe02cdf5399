"""FastAPI dependencies every service's views use."""

from typing import Annotated

from fastapi import Depends, Request

from clearway_contracts.identity import Caller
from clearway_contracts.problems import Problem
from clearway_platform.uow import UnitOfWork
from clearway_platform.web.identity_token import IDENTITY_HEADER, IdentityVerifier, InvalidIdentity
from clearway_platform.web.runtime import Runtime

# Dependencies that do no I/O are still ``async``: FastAPI runs a plain ``def`` in its thread
# pool, three thread hops a request (5-10% of the declaration service's CPU under load).


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_uow(runtime: Annotated[Runtime, Depends(get_runtime)]) -> UnitOfWork:
    return runtime.uow()


async def caller_from_request(request: Request) -> Caller:
    """The caller the gateway vouches for: a valid identity token, or 401."""
    token = request.headers.get(IDENTITY_HEADER)
    if not token:
        raise _unauthorized(f"only the gateway may call this service: {IDENTITY_HEADER} missing")
    verifier: IdentityVerifier | None = getattr(request.app.state, "identity_verifier", None)
    if verifier is None:
        raise _unauthorized("this process has no gateway public key to verify callers with")
    try:
        return verifier.caller(token)
    except InvalidIdentity as exc:
        raise _unauthorized(str(exc)) from None


def _unauthorized(detail: str) -> Problem:
    return Problem(401, "Unauthorized", detail)


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
UowDep = Annotated[UnitOfWork, Depends(get_uow)]
CallerDep = Annotated[Caller, Depends(caller_from_request)]
