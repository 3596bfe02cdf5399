"""Composition root: the gateway app, its upstream services, auth and office directory."""

from typing import Any

from fastapi import FastAPI
from starlette.middleware import Middleware

from clearway_gateway.auth import service as auth_service
from clearway_gateway.auth.key_cache import KeyCache
from clearway_gateway.auth.key_changes import key_changes
from clearway_gateway.auth.keys import KeyHolder
from clearway_gateway.auth.ratelimit import RateLimiter
from clearway_gateway.before_body import AuthenticateBeforeBody
from clearway_gateway.browser.assets import WEB, mount_browser_apps
from clearway_gateway.browser.csp import inline_script_hashes
from clearway_gateway.browser.demo_signin import demo_signin
from clearway_gateway.browser.docs_page import add_docs_page, docs_html
from clearway_gateway.codelists.views import router as code_lists_router
from clearway_gateway.consumer import handlers as consumed_events
from clearway_gateway.declarations.views import router as declarations_router
from clearway_gateway.feed.views import router as feed_router
from clearway_gateway.forwarding.contract import published
from clearway_gateway.forwarding.upstream import Upstream, UpstreamConfig, connected
from clearway_gateway.inspections.views import router as inspections_router
from clearway_gateway.manifests.views import router as manifests_router
from clearway_gateway.offices import service as offices_service
from clearway_gateway.offices.directory import OfficeDirectory
from clearway_gateway.offices.views import router as offices_router
from clearway_gateway.problems import PROBLEMS
from clearway_gateway.releases.views import router as releases_router
from clearway_gateway.settings import DEMO_API_KEY, Settings
from clearway_gateway.statistics.views import router as statistics_router
from clearway_gateway.webhooks.delivery import config_of, deliveries
from clearway_gateway.webhooks.views import router as webhooks_router
from clearway_platform.db import asyncpg_dsn
from clearway_platform.web.app import create_service_app
from clearway_platform.web.identity_token import IdentityMinter
from clearway_platform.web.security_headers import (
    SecurityHeadersMiddleware,
    content_security_policy,
)

DESCRIPTION = """The one public API of Clearway.

Forwarders' ERP systems authenticate with an API key (`X-API-Key`); inspectors, exit-port
officers and admins with a JWT bearer token. Errors are `application/problem+json`
(RFC 9457) with the fields at fault in `errors`, each named by its path in the request
(`items[0].vehicle.vin`: names joined by dots, list positions in brackets from 0; a query
parameter by its name). A query parameter an operation does not take is refused, never
ignored. Lists are paged alike: `limit` (1 to 200) and `cursor` (the `next_cursor` of the
previous page; absent on the last). Send a UUID as `X-Request-ID` to follow a request through
every service's logs.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    async def look_up_key(secret_hash: str) -> KeyHolder | None:
        return await auth_service.key_holder(uow=app.state.runtime.uow(), secret_hash=secret_hash)

    async def load_offices() -> Any:
        return await offices_service.current_offices(uow=app.state.runtime.uow())

    services = upstreams(settings)
    key_cache = KeyCache(look_up_key)
    routers = [
        declarations_router,
        manifests_router,
        inspections_router,
        releases_router,
        offices_router,
        statistics_router,
        code_lists_router,
        feed_router,
        webhooks_router,
    ]
    if settings.profile == "development":
        routers.append(demo_signin(settings))
    app = create_service_app(
        settings=settings,
        title="Clearway",
        description=DESCRIPTION,
        routers=routers,
        resources=[
            lambda _: connected(services.values()),
            lambda _: key_changes(key_cache, asyncpg_dsn(settings.database_url)),
            # The webhooks role delivers from the feed, never on a request (ADR 0032).
            *(
                [lambda runtime: deliveries(runtime, config_of(settings))]
                if "webhooks" in settings.roles
                else []
            ),
        ],
        # The statistics role consumes the services' events into the read model (ADR 0020)
        # and the declarants' feed (ADR 0031); the API role publishes and consumes nothing,
        # and holds no Kafka credentials.
        handlers=consumed_events(),
        uses_kafka="statistics" in settings.roles,
        problems=PROBLEMS,
        docs_pages=False,  # FastAPI's load from a public CDN; ours from the gateway itself
        inner_middleware=[Middleware(AuthenticateBeforeBody)],
    )
    if "api" in settings.roles:
        add_docs_page(app)
        mount_browser_apps(app)
    app.add_middleware(
        SecurityHeadersMiddleware,
        csp=content_security_policy(
            script_hashes=inline_script_hashes(pages=[docs_html(app)], web=WEB)
        ),
        hsts_seconds=settings.hsts_seconds,
    )
    app.state.token_keys = settings.token_keys()
    # Published in the README: refused outside development even where a database holds it.
    app.state.published_api_keys = frozenset() if settings.demo_key else {DEMO_API_KEY}
    if settings.internal_signing_key is not None:  # required (and checked) for the api role
        app.state.identity_minter = IdentityMinter(settings.internal_signing_key.get_secret_value())
    app.state.rate_limiter = RateLimiter(
        per_second=settings.rate_limit_per_second, burst=settings.rate_limit_burst
    )
    app.state.upstreams = services
    app.state.webhook_allow_http = settings.webhook_allow_http or settings.profile == "development"
    app.state.key_cache = key_cache
    app.state.offices = OfficeDirectory(load_offices, max_age=settings.office_cache_seconds)
    document = app.openapi
    app.openapi = lambda: published(document())  # type: ignore[method-assign]  # FastAPI's documented way
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
