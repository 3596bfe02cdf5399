"""FastAPI dependencies every service's views use; each service's ``deps`` module adds its own
and is the one place its views take dependencies from.

Dependencies that do no I/O are still ``async``: FastAPI runs a plain ``def`` in its thread
pool, three thread hops a request (5-10% of the declaration service's CPU under load).
"""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from clearway_contracts.identity import IDENTITY_HEADER, Caller, Role
from clearway_contracts.problems import Problem
from clearway_platform.clock import Clock
from clearway_platform.domain_errors import Forbidden
from clearway_platform.uow import UnitOfWork
from clearway_platform.web.access import PRINCIPAL
from clearway_platform.web.identity_token import IdentityVerifier, InvalidIdentity
from clearway_platform.web.runtime import Runtime


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_uow(runtime: Annotated[Runtime, Depends(get_runtime)]) -> UnitOfWork:
    return runtime.uow()


async def get_clock(request: Request) -> Clock:
    """The app's clock (``create_service_app(clock=...)``): tests move it instead of sleeping."""
    clock: Clock = request.app.state.clock
    return clock


async def caller_from_request(request: Request) -> Caller:
    """The caller the gateway vouches for: a valid identity token, or 401."""
    token = request.headers.get(IDENTITY_HEADER)
    if not token:
        raise _unauthorized(f"only the gateway may call this service: {IDENTITY_HEADER} missing")
    verifier: IdentityVerifier | None = getattr(request.app.state, "identity_verifier", None)
    if verifier is None:
        raise _unauthorized("this process has no gateway public key to verify callers with")
    try:
        caller = verifier.caller(token)
    except InvalidIdentity as exc:
        raise _unauthorized(str(exc)) from None
    note_principal(request, caller)
    return caller


def note_principal(request: Request, caller: Caller) -> None:
    """Names the authenticated caller in the request's access log line (``role:actor``)."""
    setattr(request.state, PRINCIPAL, f"{caller.role}:{caller.actor}")


def require_role(caller: Caller, *allowed: Role) -> None:
    if caller.role not in allowed:
        raise Forbidden(f"this needs the role {' or '.join(allowed)}")


CallerSource = Callable[..., Awaitable[Caller]]


def role(*allowed: Role, caller: CallerSource = caller_from_request) -> CallerSource:
    """A dependency admitting only ``allowed`` roles (403 for the others). ``caller`` says who
    is calling: the gateway's identity token, or (in the gateway) the client's credentials."""

    async def admitted(found: Annotated[Caller, Depends(caller)]) -> Caller:
        require_role(found, *allowed)
        return found

    return admitted


def _unauthorized(detail: str) -> Problem:
    return Problem(401, "Unauthorized", detail)


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
UowDep = Annotated[UnitOfWork, Depends(get_uow)]
ClockDep = Annotated[Clock, Depends(get_clock)]
CallerDep = Annotated[Caller, Depends(caller_from_request)]
