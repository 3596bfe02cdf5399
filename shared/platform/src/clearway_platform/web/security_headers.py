"""Security headers on every response of a public port (the gateway's).

* ``X-Content-Type-Options: nosniff``: a JSON answer is never run as a script or a page.
* ``Referrer-Policy: no-referrer``: no path (which may hold an id) leaks to another site.
* ``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'``: no page of ours in a frame.
* ``Content-Security-Policy``: scripts, styles, images and calls from our own origin only (the
  browser apps and /docs serve their libraries themselves); inline scripts only by their hash.
* ``Cache-Control: no-store`` on API answers (``/v1/``): they hold customs data.
* ``Strict-Transport-Security`` only when configured: it belongs to the TLS-terminating
  origin, and sent over plain HTTP it would mean nothing.
"""

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def content_security_policy(*, script_hashes: Iterable[str] = ()) -> str:
    scripts = " ".join(["'self'", *(f"'sha256-{h}'" for h in sorted(set(script_hashes)))])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            # Swagger UI and uPlot set styles inline; a style cannot run code.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        csp: str,
        hsts_seconds: int = 0,
        no_store_prefix: str = "/v1/",
    ) -> None:
        self.app = app
        self.headers: list[tuple[bytes, bytes]] = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"content-security-policy", csp.encode()),
        ]
        if hsts_seconds > 0:
            self.headers.append((b"strict-transport-security", f"max-age={hsts_seconds}".encode()))
        self.no_store_prefix = no_store_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = scope["path"].startswith(self.no_store_prefix)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                added = [(n, v) for n, v in self.headers if n not in present]
                if no_store and b"cache-control" not in present:
                    added.append((b"cache-control", b"no-store"))
                message["headers"] = [*message.get("headers", []), *added]
            await send(message)

        await self.app(scope, receive, with_headers)
