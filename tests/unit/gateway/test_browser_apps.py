"""What the gateway serves browsers: the apps and their libraries from its own files, the docs
page without a CDN, and a demo sign-in that exists only in the development profile."""

from typing import Any

import httpx
import pytest

from clearway_gateway.app import create_app
from clearway_gateway.auth.tokens import verify_token
from clearway_gateway.browser.assets import LIBRARIES, WEB
from clearway_gateway.settings import Settings
from tests.support.identity import gateway_settings


@pytest.fixture(autouse=True)
def _no_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEARWAY_PROFILE", raising=False)


def gateway(**changes: Any) -> tuple[httpx.AsyncClient, Settings]:
    """The gateway's HTTP app without its lifespan: static files and pages need no database."""
    settings = Settings(roles={"api"}, **gateway_settings(), **changes)
    transport = httpx.ASGITransport(create_app(settings))
    return httpx.AsyncClient(transport=transport, base_url="http://gateway"), settings


async def test_the_demo_sign_in_exists_only_in_development() -> None:
    production, _ = gateway()
    assert (await production.get("/dev/demo-identities")).status_code == 404
    assert (await production.post("/dev/demo-identities/inspector-hrg/token")).status_code == 404

    development, settings = gateway(profile="development")
    listed = (await development.get("/dev/demo-identities")).json()
    inspector = {"subject": "inspector-hrg", "role": "inspector", "office": "8021", "site": "HRG-1"}
    assert inspector in listed
    issued = await development.post("/dev/demo-identities/inspector-hrg/token")
    claims = verify_token(issued.json()["token"], keys=settings.token_keys())
    assert (claims.subject, claims.role, claims.site) == ("inspector-hrg", "inspector", "HRG-1")
    assert (await development.post("/dev/demo-identities/nobody/token")).status_code == 404


async def test_the_apps_and_the_demo_sign_in_stay_out_of_the_openapi_document() -> None:
    client, _ = gateway(profile="development")
    paths = (await client.get("/openapi.json")).json()["paths"]
    browser_paths = ("/dev", "/tablet", "/console", "/assets", "/docs")
    assert not [path for path in paths if path.startswith(browser_paths)]


async def test_the_docs_page_loads_swagger_ui_from_the_gateway_itself() -> None:
    client, _ = gateway()
    page = (await client.get("/docs")).text
    assert "/assets/lib/swagger-ui/swagger-ui-bundle.js" in page
    assert "https://" not in page and "http://" not in page  # no CDN, no public favicon
    script = await client.get("/assets/lib/swagger-ui/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert (await client.get("/redoc")).status_code == 404  # FastAPI's CDN page: gone, not blank


async def test_the_apps_are_served_gzipped_with_their_libraries() -> None:
    client, _ = gateway()
    for app in ("/tablet/", "/console/"):
        page = await client.get(app, headers={"Accept-Encoding": "gzip"})
        assert page.status_code == 200 and page.headers["content-encoding"] == "gzip"
    for name, folder in LIBRARIES.items():
        assert (WEB / "node_modules" / folder).is_dir(), f"{name}: run `make install` (npm ci)"
    assert (await client.get("/assets/lib/preact/dist/preact.mjs")).status_code == 200
    assert (await client.get("/assets/lib/axe-core/axe.min.js")).status_code == 404  # tests only


async def test_the_dashboard_has_an_address_of_its_own_and_its_chart_library_is_ours() -> None:
    client, _ = gateway()
    page = await client.get("/console/stats", follow_redirects=True)
    assert page.status_code == 200
    assert 'url=../#/statistics"' in page.text  # the console's statistics screen
    console = (await client.get("/console/")).text
    assert '"uplot": "/assets/lib/uplot/uPlot.esm.js"' in console
    chart = await client.get("/assets/lib/uplot/uPlot.esm.js")
    assert chart.status_code == 200
    assert chart.headers["content-type"].startswith("text/javascript")
