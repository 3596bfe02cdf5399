"""Composition root: the inspection service's app, wired from its settings."""

from datetime import timedelta

from fastapi import FastAPI

from clearway_inspection.appointments.sweeper import missed_appointments_sweeper
from clearway_inspection.appointments.views import router as appointments_router
from clearway_inspection.checks.views import router as checks_router
from clearway_inspection.inspections.views import arrivals, tablet
from clearway_inspection.lanes.handlers import handlers
from clearway_inspection.problems import PROBLEMS
from clearway_inspection.risk.views import router as risk_router
from clearway_inspection.settings import Settings
from clearway_inspection.sites.views import router as sites_router
from clearway_platform.clock import Clock, system_clock
from clearway_platform.web.app import create_service_app


def create_app(settings: Settings | None = None, *, clock: Clock = system_clock) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="Clearway inspection",
        description="Risk lanes, document checks, inspection appointments and the tablet API.",
        routers=[risk_router, checks_router, sites_router, appointments_router, arrivals, tablet],
        handlers=handlers(clock),
        problems=PROBLEMS,
        clock=clock,
        workers=[
            missed_appointments_sweeper(
                grace=timedelta(minutes=settings.missed_grace_minutes),
                every=settings.missed_sweep_seconds,
                clock=clock,
            )
        ],
    )
    return app
