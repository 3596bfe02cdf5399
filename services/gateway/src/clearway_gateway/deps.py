"""The dependencies of the gateway's views: who is calling, the proxy to the services, the
offices in force.

Callers prove who they are with an API key (forwarders) or a JWT bearer token (officials).
Anything a client sends as ``X-Clearway-*`` is ignored: the gateway signs the identity it
verified into a token of its own for each service it calls (see forwarding.proxy).

Every dependency here is ``async``: FastAPI runs a plain ``def`` dependency in a worker
thread, a hop that costs more than the check itself on every request.
"""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from clearway_contracts.identity import Caller, Role
from clearway_contracts.problems import Problem
from clearway_gateway.auth import service
from clearway_gateway.forwarding.proxy import Proxy
from clearway_gateway.offices.directory import OfficeDirectory
from clearway_platform.web.deps import UowDep, note_principal, role

__all__ = [
    "AdminDep",
    "CallerDep",
    "ForwarderDep",
    "OfficesDep",
    "OfficialDep",
    "ProxyDep",
    "UowDep",
]

api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="A forwarder's API key (cwk_...)"
)
bearer = HTTPBearer(
    auto_error=False, bearerFormat="JWT", description="An inspector's, officer's or admin's JWT"
)


# Longer than any key or token we issue: refused before it is hashed or looked up.
MAX_API_KEY_CHARS = 200
MAX_TOKEN_CHARS = 8 * 1024
AUTHENTICATED = "authenticated_caller"  # scope["state"] key: authenticated before the body


async def authenticated(
    request: Request,
    api_key: Annotated[str | None, Depends(api_key_header)],
    token: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    early: Caller | None = request.scope.get("state", {}).get(AUTHENTICATED)
    if early is not None:  # the caller proved who it is before its body was read
        return early
    return await authenticate(request, api_key=api_key, token=token.credentials if token else None)


async def authenticate(request: Request, *, api_key: str | None, token: str | None) -> Caller:
    """Who calls, from its API key or bearer token; a Problem (401/429) when unproven."""
    state = request.app.state
    if api_key and len(api_key) > MAX_API_KEY_CHARS:
        raise _unauthorized("the API key is not one this gateway issued")
    if token and len(token) > MAX_TOKEN_CHARS:
        raise _unauthorized("the bearer token is too long to be one we accept")
    if api_key:
        if api_key in state.published_api_keys:  # seeded once, perhaps, but public knowledge
            raise Problem(
                401,
                "Unauthorized",
                "the demo API key works only in the development profile",
                headers={"WWW-Authenticate": "Bearer"},
            )
        caller = await service.caller_for_key(keys=state.key_cache, secret=api_key)
        note_principal(request, caller)
        retry_after = state.rate_limiter.retry_after(caller.actor)
        if retry_after is not None:
            raise Problem(
                429,
                "Too Many Requests",
                "this API key's rate limit is spent; retry later",
                headers={"Retry-After": str(retry_after)},
            )
        return caller
    if token:
        caller = service.caller_for_token(token=token, keys=state.token_keys)
        note_principal(request, caller)
        return caller
    raise _unauthorized("send an API key in X-API-Key, or a bearer token in Authorization")


def _unauthorized(detail: str) -> Problem:
    return Problem(401, "Unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


CallerDep = Annotated[Caller, Depends(authenticated)]


async def get_proxy(request: Request, caller: CallerDep) -> Proxy:
    state = request.app.state
    return Proxy(request, caller, state.upstreams, state.identity_minter)


async def get_offices(request: Request) -> OfficeDirectory:
    directory: OfficeDirectory = request.app.state.offices
    return directory


ForwarderDep = Annotated[Caller, Depends(role(Role.FORWARDER, caller=authenticated))]
AdminDep = Annotated[Caller, Depends(role(Role.ADMIN, caller=authenticated))]
# Officers and admins: who may read the statistics.
OfficialDep = Annotated[Caller, Depends(role(Role.OFFICER, Role.ADMIN, caller=authenticated))]
ProxyDep = Annotated[Proxy, Depends(get_proxy)]
OfficesDep = Annotated[OfficeDirectory, Depends(get_offices)]
