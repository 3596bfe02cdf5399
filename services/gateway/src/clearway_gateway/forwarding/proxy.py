"""Forwards one public request to the service that owns it, as the caller it authenticated."""

from dataclasses import dataclass

from asgi_correlation_id.context import correlation_id
from fastapi import Request, Response

from clearway_contracts.identity import Caller
from clearway_gateway.forwarding.upstream import Reply, Upstream
from clearway_platform.web.identity_token import IDENTITY_HEADER, IdentityMinter

# Request headers a backend needs besides the identity, which the gateway sets itself. Nothing
# else a client sent goes on: above all no identity header of its own.
PASSED_ON = ("Content-Type", "Idempotency-Key", "If-Match", "Accept")


@dataclass(frozen=True)
class Proxy:
    request: Request
    caller: Caller
    upstreams: dict[str, Upstream]
    identities: IdentityMinter

    async def forward(self, service: str) -> Response:
        """This request, answered by ``service``."""
        reply = await self.send(service)
        return Response(reply.body, status_code=reply.status, headers=reply.headers)

    async def send(self, service: str, *, body: bytes | None = None) -> Reply:
        """Send this request on to ``service`` unchanged, or with ``body`` instead of its own."""
        request = self.request
        headers = {
            name: value for name in PASSED_ON if (value := request.headers.get(name)) is not None
        }
        headers[IDENTITY_HEADER] = self.identities.token(self.caller, audience=service)
        if request_id := correlation_id.get():
            headers["X-Request-ID"] = request_id
        if body is not None:
            headers["Content-Type"] = "application/json"
        elif request.method in ("POST", "PUT", "PATCH"):
            body = await request.body()
        return await self.upstreams[service].send(
            request.method,
            request.url.path,
            headers=headers,
            query=request.url.query,
            body=body,
            idempotent=request.method in ("GET", "HEAD") or "Idempotency-Key" in headers,
        )

    async def post(self, service: str, path: str, *, body: bytes, idempotency_key: str) -> Reply:
        """A JSON POST of the gateway's own making to ``service``, as this caller."""
        headers = {
            IDENTITY_HEADER: self.identities.token(self.caller, audience=service),
            "Content-Type": "application/json",
            "Idempotency-Key": idempotency_key,
        }
        if request_id := correlation_id.get():
            headers["X-Request-ID"] = request_id
        return await self.upstreams[service].send(
            "POST", path, headers=headers, body=body, idempotent=True
        )
