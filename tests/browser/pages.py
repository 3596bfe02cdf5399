"""What every browser test does to a page: launch options, screenshots, accessibility checks."""

import json
from pathlib import Path

from playwright.async_api import Page

CHROMIUM = "/usr/bin/chromium"
# As root, without the sandbox; no calls to Google's services (the network is closed here).
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artefacts" / "screenshots"
AXE = ROOT / "services" / "gateway" / "web" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA; "serious" and "critical" fail a test, lesser ones are reported only.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}


async def screen(page: Page, name: str) -> None:
    """Save this screen as ``name``.png and check it with axe-core: no serious violation."""
    await screenshot(page, name)
    violations = await axe_violations(page)
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not serious, f"{name}: accessibility violations\n" + json.dumps(serious, indent=2)


async def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


async def axe_violations(page: Page) -> list[dict[str, object]]:
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run `make install` (npm ci)"
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        # Through DevTools, as a console would: the pages' Content-Security-Policy allows no
        # inline script but their own (ADR 0026), and the apps must run under it as served.
        session = await page.context.new_cdp_session(page)
        await session.send("Runtime.evaluate", {"expression": AXE.read_text()})
        await session.detach()
    result = await page.evaluate(
        """async (tags) => {
            const found = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
            return found.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((node) => node.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )
    return list(result)


async def fits_the_width(page: Page) -> bool:
    """Nothing scrolls sideways: usable at this viewport."""
    return bool(
        await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    )


async def ready(page: Page) -> None:
    """The app rendered its first screen (app.js marks the body when it has)."""
    await page.wait_for_selector("body[data-ready='true']")
