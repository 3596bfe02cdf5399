"""Composition root of the release service."""

from fastapi import FastAPI

from clearway_platform.clock import Clock, system_clock
from clearway_platform.web.app import create_service_app
from clearway_release.exits.views import router as exits_router
from clearway_release.problems import PROBLEMS
from clearway_release.releases.handlers import handlers
from clearway_release.releases.views import router as releases_router
from clearway_release.settings import Settings
from clearway_release.transits.views import router as transits_router
from clearway_release.transits.watch import overdue_watch


def create_app(settings: Settings | None = None, *, clock: Clock = system_clock) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="Clearway release",
        description="Release decisions, release notices, direct-transfer transits, exits.",
        routers=[releases_router, exits_router, transits_router],
        handlers=handlers(clock),
        problems=PROBLEMS,
        clock=clock,
        workers=[
            overdue_watch(
                clock=clock,
                every_seconds=settings.overdue_watch_seconds,
                batch=settings.overdue_watch_batch,
            )
        ],
    )
    return app
