"""The browser apps and their libraries as static files, gzipped, outside the OpenAPI document.

The apps are plain ES modules (no build step); their libraries come from npm at install time
(``npm ci`` in services/gateway/web, run by scripts/install.sh and by the image build) and are
served from node_modules, one folder per library, nothing else of node_modules.
"""

import logging
from pathlib import Path

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

WEB = Path(__file__).resolve().parents[3] / "web"

# URL name under /assets/lib/ -> its folder in web/node_modules (see web/package.json).
LIBRARIES = {
    "preact": "preact",
    "htm": "htm",
    "idb": "idb/build",
    "i18next": "i18next/dist/esm",
    "swagger-ui": "swagger-ui-dist",
    "uplot": "uplot/dist",
}
APPS = {"/tablet": "tablet", "/console": "console", "/assets/common": "common"}

log = logging.getLogger(__name__)


def mount_browser_apps(app: FastAPI, web: Path = WEB) -> None:
    """Serve the apps and their libraries; a missing library folder is a warning, not a
    refusal to start: the API works without them."""
    for prefix, folder in APPS.items():
        app.mount(prefix, _static(web / folder, html=True), name=folder)
    modules = web / "node_modules"
    for name, folder in LIBRARIES.items():
        if not (modules / folder).is_dir():
            log.warning("browser library %s missing in %s: run `make install`", name, modules)
        app.mount(f"/assets/lib/{name}", _static(modules / folder), name=f"lib-{name}")


def _static(directory: Path, *, html: bool = False) -> ASGIApp:
    # Text assets shrink by two thirds or more; a tablet on a yard's weak signal feels that.
    files = StaticFiles(directory=directory, html=html, check_dir=False)
    return GZipMiddleware(files, compresslevel=6)  # 9: 3x the time for 0.5 % fewer bytes
