"""The API docs page (Swagger UI) with its scripts and styles served by the gateway itself.

FastAPI's own /docs loads Swagger UI from a public CDN, so on a customs network without the
internet it is a blank page.
"""

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.responses import HTMLResponse

SWAGGER_UI = "/assets/lib/swagger-ui"


def add_docs_page(app: FastAPI, path: str = "/docs") -> None:
    page = docs_html(app)

    @app.get(path, include_in_schema=False)
    async def docs_page() -> HTMLResponse:
        return HTMLResponse(page)


def docs_html(app: FastAPI) -> bytes:
    """The page, the same on every request (its inline script is allowed by its hash)."""
    page = get_swagger_ui_html(
        openapi_url=app.openapi_url or "/openapi.json",
        title=f"{app.title} API",
        swagger_js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_UI}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER_UI}/favicon-32x32.png",
        # No online validator badge: it would call out to the internet.
        swagger_ui_parameters={"validatorUrl": None},
    )
    # Screen readers pick the voice by the page's language; FastAPI's page names none.
    return bytes(page.body).replace(b"<html>", b'<html lang="en">', 1)
