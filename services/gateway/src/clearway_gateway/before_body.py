"""Authentication before the body is read: a stranger's body costs nothing.

FastAPI reads and parses a body before it resolves a route's dependencies, so an anonymous
client could have the gateway read, parse and validate megabytes only to be told 401. This
middleware proves the caller first on every public request that carries a body, and leaves
the caller it verified in the request's state, where ``deps.authenticated`` takes it.
"""

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from clearway_contracts.problems import Problem
from clearway_gateway.deps import AUTHENTICATED, authenticate
from clearway_platform.web.limits import send_problem

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class AuthenticateBeforeBody:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in _BODY_METHODS
            or not scope["path"].startswith("/v1/")
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        authorization = request.headers.get("authorization", "")
        scheme, _, credentials = authorization.partition(" ")
        try:
            caller = await authenticate(
                request,
                api_key=request.headers.get("x-api-key"),
                token=credentials.strip() if scheme.lower() == "bearer" else None,
            )
        except Problem as problem:
            await send_problem(scope, send, problem, close=True)
            return
        scope.setdefault("state", {})[AUTHENTICATED] = caller
        await self.app(scope, receive, send)
