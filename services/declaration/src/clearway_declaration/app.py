"""Composition root of the declaration service."""

from fastapi import FastAPI

from clearway_declaration.codelists.views import router as code_lists
from clearway_declaration.declarations.views import router
from clearway_declaration.lifecycle.handlers import handlers
from clearway_declaration.problems import PROBLEMS
from clearway_declaration.settings import Settings
from clearway_platform.web.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or Settings(),
        title="Clearway declaration service",
        description="Lodges, validates, amends and cancels export declarations, and tracks "
        "their status from inspection and release events.",
        routers=[router, code_lists],
        handlers=handlers(),
        problems=PROBLEMS,
    )
