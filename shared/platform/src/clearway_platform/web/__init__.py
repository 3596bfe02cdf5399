"""The HTTP side every service shares: the app factory, dependencies and identity."""

from clearway_platform.web.app import create_service_app
from clearway_platform.web.background import Worker

__all__ = ["Worker", "create_service_app"]
