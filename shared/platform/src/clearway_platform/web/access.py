"""Every request counted, timed and written to the access log, once.

The metrics name the route template (``/v1/declarations/{declaration_id}``), so their label
sets stay few; the access log line names the path itself (never the query string, whose values
may be a person's) with the method, status, duration, client address, request id and, once a
dependency has authenticated the caller, the principal (``role:actor``, never a credential).
"""

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clearway_platform import metrics
from clearway_platform.logs import log_access

PRINCIPAL = "principal"  # the key in the request's state (scope["state"]) naming the caller


class AccessMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")
            method = scope["method"]
            metrics.HTTP_REQUESTS.labels(method, route, str(status)).inc()
            metrics.HTTP_SECONDS.labels(method, route).observe(elapsed)
            client = scope.get("client")
            fields = {
                "method": method,
                "path": scope["path"],
                "route": route,
                "status": status,
                "duration_ms": round(elapsed * 1000, 1),
                "client": client[0] if client else None,
            }
            principal = scope.get("state", {}).get(PRINCIPAL)
            if principal:
                fields[PRINCIPAL] = principal
            log_access(fields)
