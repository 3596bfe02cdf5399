"""The browser apps in Debian's Chromium, driven by Playwright, against the whole system (the
end-to-end fixture: four services on real ports, real Kafka and PostgreSQL).

Playwright cannot download its own browser here, so it drives /usr/bin/chromium
(``apt-get install chromium``; scripts/install.sh does it as root). Without it the tests
fail, never skip. Each screen is saved under test-artefacts/screenshots/ (``make
screenshots`` copies the current ones to docs/screenshots/) and checked with axe-core.
"""

import os
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, BrowserContext, ViewportSize, async_playwright

from tests.browser.pages import CHROMIUM, LAUNCH_ARGS
from tests.e2e.conftest import System, running_system
from tests.support.infra import TestInfra

TABLET: ViewportSize = {"width": 800, "height": 1280}  # a 10-inch tablet, portrait
DESK: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture(scope="package")
async def system(infra: TestInfra) -> AsyncIterator[System]:
    async with running_system(infra) as running:
        yield running


@pytest.fixture(scope="package")
async def browser() -> AsyncIterator[Browser]:
    executable = os.environ.get("CLEARWAY_CHROMIUM", CHROMIUM)
    if not os.access(executable, os.X_OK):
        pytest.fail(
            f"no Chromium at {executable}: the browser tests need Debian's chromium "
            "(`apt-get install chromium`, which `make install` does as root)"
        )
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield launched
        await launched.close()


@pytest.fixture
async def tablet(browser: Browser) -> AsyncIterator[BrowserContext]:
    """A 10-inch tablet with a touch screen, in a fresh profile (no token, no IndexedDB)."""
    context = await browser.new_context(viewport=TABLET, has_touch=True, locale="en-US")
    yield context
    await context.close()


@pytest.fixture
async def desk(browser: Browser) -> AsyncIterator[BrowserContext]:
    """An officer's screen, 1280x800, in a fresh profile."""
    context = await browser.new_context(viewport=DESK, locale="en-US")
    yield context
    await context.close()
