"""Builds a service's FastAPI app: the same operational shape for every service."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import APIRouter, FastAPI
from starlette.middleware import Middleware

from clearway_platform import tracing
from clearway_platform.clock import Clock, system_clock
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.handlers import EventHandlers
from clearway_platform.kafka import create_producer
from clearway_platform.logs import configure_logging
from clearway_platform.settings import ServiceSettings
from clearway_platform.web.access import AccessMiddleware
from clearway_platform.web.background import (
    Worker,
    run_backlog_metrics,
    run_consumer,
    run_housekeeping,
    run_relay,
    start_producer,
    supervise,
)
from clearway_platform.web.errors import install_problem_handlers
from clearway_platform.web.health import router as health_router
from clearway_platform.web.identity_token import IdentityVerifier
from clearway_platform.web.limits import MAX_BODY_BYTES, InputLimitsMiddleware
from clearway_platform.web.metrics_server import serving_metrics
from clearway_platform.web.problems import DEFAULT_PROBLEMS, ProblemMap
from clearway_platform.web.runtime import Runtime


def create_service_app(
    *,
    settings: ServiceSettings,
    title: str,
    description: str = "",
    routers: Sequence[APIRouter] = (),
    handlers: EventHandlers | None = None,
    workers: Sequence[Worker] = (),
    resources: Sequence[Callable[[Runtime], AbstractAsyncContextManager[object]]] = (),
    uses_kafka: bool = True,
    problems: ProblemMap = DEFAULT_PROBLEMS,
    clock: Clock = system_clock,
    version: str = "1.0.0",
    docs_pages: bool = True,
    max_body_bytes: int = MAX_BODY_BYTES,
    inner_middleware: Sequence[Middleware] = (),
) -> FastAPI:
    """The app for one process; ``settings.roles`` decides which parts run in it.

    ``resources`` are opened after the database engine and closed before it (an HTTP client
    pool, say). ``problems`` maps the service's domain errors to problem+json (one mapping
    per service, its ``problems`` module); ``clock`` is what views get from ``ClockDep``.
    A service that publishes and consumes nothing passes ``uses_kafka=False``:
    no producer is started and readiness does not depend on Kafka. ``docs_pages=False`` leaves
    out FastAPI's /docs and /redoc, which load their scripts from a public CDN (the gateway
    serves its own, from its own assets). Every request passes the input limits first
    (clearway_platform.web.limits): ``max_body_bytes``, 16 KiB of headers, UTF-8 JSON;
    ``inner_middleware`` runs after them, before the routes (the gateway authenticates there,
    before a body is read).

    Refuses (UnsafeSettings) settings with a missing or unsafe secret for these roles, so a
    process stops at start rather than serving without them.
    """
    settings.check_secrets()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(
            service=settings.service_name,
            level=settings.log_level,
            log_format=settings.log_format,
        )
        engine = create_engine(settings.database_url, pool_size=settings.database_pool_size)
        runtime = Runtime(
            settings=settings,
            engine=engine,
            session_factory=create_session_factory(engine),
            kafka_producer=create_producer(settings) if uses_kafka else None,
        )
        app.state.runtime = runtime
        tasks = []
        if uses_kafka:
            tasks.append(
                asyncio.create_task(supervise("kafka producer", lambda: start_producer(runtime)))
            )
        if uses_kafka and {"relay", settings.consumer_role} & set(settings.roles):
            # Either role purges: a service that only consumes (the gateway's statistics)
            # has an inbox to forget too. Purges are idempotent batches, so replicas may race.
            tasks.append(
                asyncio.create_task(supervise("housekeeping", lambda: run_housekeeping(runtime)))
            )
        if uses_kafka and "relay" in settings.roles:
            tasks.append(asyncio.create_task(supervise("outbox relay", lambda: run_relay(runtime))))
            tasks.append(
                asyncio.create_task(
                    supervise("outbox backlog", lambda: run_backlog_metrics(runtime))
                )
            )
        if settings.consumer_role in settings.roles and handlers is not None:
            tasks.append(
                asyncio.create_task(supervise("consumer", lambda: run_consumer(runtime, handlers)))
            )
        if "worker" in settings.roles:
            for worker in workers:
                tasks.append(asyncio.create_task(supervise(worker.name, _bind(worker, runtime))))
        try:
            async with AsyncExitStack() as opened:
                await opened.enter_async_context(
                    serving_metrics(settings.host, settings.metrics_port)
                )
                for resource in resources:
                    await opened.enter_async_context(resource(runtime))
                yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            if runtime.kafka_producer is not None:
                with contextlib.suppress(Exception):  # also when never started
                    await runtime.kafka_producer.stop()
            await engine.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version=version,
        lifespan=lifespan,
        docs_url="/docs" if docs_pages else None,
        redoc_url="/redoc" if docs_pages else None,
    )
    install_problem_handlers(app, problems)
    app.state.clock = clock
    # Innermost first: a request too big or malformed is refused before any route runs,
    # and still logged and counted (access) with its request id (correlation).
    for inner in reversed(inner_middleware):
        app.add_middleware(inner.cls, *inner.args, **inner.kwargs)
    app.add_middleware(InputLimitsMiddleware, max_body_bytes=max_body_bytes)
    app.add_middleware(AccessMiddleware)
    app.add_middleware(CorrelationIdMiddleware, header_name="X-Request-ID")
    app.include_router(health_router)
    if settings.gateway_public_keys:
        app.state.identity_verifier = IdentityVerifier(
            audience=settings.service_name, public_keys=settings.gateway_public_keys
        )
    if "api" in settings.roles:
        for router in routers:
            app.include_router(router)
    tracing.configure(app, service=settings.service_name)
    return app


def _bind(worker: Worker, runtime: Runtime) -> Callable[[], Awaitable[None]]:
    return lambda: worker.run(runtime)
