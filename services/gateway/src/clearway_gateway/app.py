"""Composition root: the gateway app, its upstream services, auth and office directory."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from fastapi import FastAPI

from clearway_gateway.auth.ratelimit import RateLimiter
from clearway_gateway.declarations.views import router as declarations_router
from clearway_gateway.forwarding.upstream import Upstream, UpstreamConfig
from clearway_gateway.inspections.views import router as inspections_router
from clearway_gateway.offices import service as offices_service
from clearway_gateway.offices.directory import OfficeDirectory
from clearway_gateway.offices.views import router as offices_router
from clearway_gateway.releases.views import router as releases_router
from clearway_gateway.settings import Settings
from clearway_shared.web.app import create_service_app

DESCRIPTION = """The one public API of Clearway.

Forwarders' ERP systems authenticate with an API key (`X-API-Key`); inspectors, exit-port
officers and admins with a JWT bearer token. Errors are `application/problem+json`
(RFC 9457) with the fields at fault in `errors`. Send `X-Request-ID` to follow a request
through every service's logs.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="Clearway",
        description=DESCRIPTION,
        routers=[declarations_router, inspections_router, releases_router, offices_router],
    )
    app.state.token_keys = settings.token_keys()
    app.state.rate_limiter = RateLimiter(
        per_second=settings.rate_limit_per_second, burst=settings.rate_limit_burst
    )
    app.state.upstreams = upstreams(settings)

    async def load_offices() -> Any:
        return await offices_service.current_offices(uow=app.state.runtime.uow())

    app.state.offices = OfficeDirectory(load_offices, max_age=settings.office_cache_seconds)

    # The shared lifespan runs the database and Kafka; the upstream sessions live inside it.
    shared_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with shared_lifespan(app), AsyncExitStack() as stack:
            for upstream in app.state.upstreams.values():
                await upstream.start()
                stack.push_async_callback(upstream.close)
            yield

    app.router.lifespan_context = lifespan
    return app


def upstreams(settings: Settings) -> dict[str, Upstream]:
    urls = {
        "declaration": settings.declaration_url,
        "inspection": settings.inspection_url,
        "release": settings.release_url,
    }
    return {
        name: Upstream(
            UpstreamConfig(
                name=name,
                base_url=url,
                connect_timeout=settings.upstream_connect_timeout_seconds,
                timeout=settings.upstream_timeout_seconds,
                retries=settings.upstream_retries,
                connections=settings.upstream_connections,
                retry_after=settings.retry_after_seconds,
            )
        )
        for name, url in urls.items()
    }
