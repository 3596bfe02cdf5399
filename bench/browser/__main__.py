"""Page weight and time to interactive of the inspector's tablet app, in Debian's Chromium.

``uv run python -m bench.browser [--url http://127.0.0.1:8000] [--runs 5]`` against a running
``make run`` (development profile: it signs in as the demo inspector). Each run is a cold load
in a fresh browser profile (no HTTP cache, no service worker, no IndexedDB) at the tablet's
viewport; a warm load follows in the same profile, as a tablet reopening the app. Reported:

* bytes transferred (headers and bodies as sent, gzip included), and requests, of the page
  and of the service worker precaching the app for offline use;
* time to interactive: navigation start to the app's ``clearway-interactive`` mark (its first
  screen rendered, handlers attached), and to ``clearway-queue`` (the site's queue arrived
  from the API and was handed to the screen).
"""

import argparse
import asyncio
import statistics
from dataclasses import dataclass, field

from playwright.async_api import Browser, Request, ViewportSize, async_playwright

from tests.browser.pages import CHROMIUM, LAUNCH_ARGS

TABLET: ViewportSize = {"width": 800, "height": 1280}


@dataclass
class Load:
    page_bytes: int = 0
    page_requests: int = 0
    worker_bytes: int = 0
    worker_requests: int = 0
    interactive_ms: float = 0.0
    queue_ms: float = 0.0
    pending: list[asyncio.Task[None]] = field(default_factory=list)

    def count(self, request: Request) -> None:
        self.pending.append(asyncio.ensure_future(self._add(request)))

    async def _add(self, request: Request) -> None:
        sizes = await request.sizes()
        sent = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if request.service_worker is not None or request.frame is None:
            self.worker_bytes += sent
            self.worker_requests += 1
        else:
            self.page_bytes += sent
            self.page_requests += 1


async def visit(browser: Browser, url: str, token: str) -> tuple[Load, Load]:
    context = await browser.new_context(viewport=TABLET, has_touch=True, locale="zh-CN")
    await context.add_init_script(f"localStorage.setItem('clearway.tablet.token', {token!r})")
    loads = []
    for _ in ("cold", "warm"):
        load = Load()
        context.on("requestfinished", load.count)
        page = await context.new_page()
        await page.goto(f"{url}/tablet/")
        await page.wait_for_selector("body[data-ready='true']")
        await page.wait_for_function("performance.getEntriesByName('clearway-queue').length")
        await page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        await page.wait_for_load_state("networkidle")
        load.interactive_ms = await page.evaluate(
            "performance.getEntriesByName('clearway-interactive')[0].startTime"
        )
        load.queue_ms = await page.evaluate(
            "performance.getEntriesByName('clearway-queue')[0].startTime"
        )
        await asyncio.gather(*load.pending)
        context.remove_listener("requestfinished", load.count)
        await page.close()
        loads.append(load)
    await context.close()
    return loads[0], loads[1]


def report(name: str, loads: list[Load]) -> None:
    def median(values: list[float]) -> float:
        return statistics.median(values)

    print(f"{name} ({len(loads)} runs, medians)")
    print(
        f"  page:            {median([x.page_bytes for x in loads]) / 1024:8.1f} KiB"
        f" in {median([x.page_requests for x in loads]):.0f} requests"
    )
    print(
        f"  service worker:  {median([x.worker_bytes for x in loads]) / 1024:8.1f} KiB"
        f" in {median([x.worker_requests for x in loads]):.0f} requests (offline copy)"
    )
    print(f"  interactive:     {median([x.interactive_ms for x in loads]):8.0f} ms")
    print(f"  queue shown:     {median([x.queue_ms for x in loads]):8.0f} ms")


async def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        signed = await (await browser.new_page()).request.post(
            f"{args.url}/dev/demo-identities/inspector-hrg/token"
        )
        token = (await signed.json())["token"]
        cold, warm = [], []
        for _ in range(args.runs):
            first, again = await visit(browser, args.url, token)
            cold.append(first)
            warm.append(again)
        await browser.close()
    print(f"The tablet app at {args.url}/tablet/, {TABLET['width']}x{TABLET['height']}")
    report("cold load (fresh profile)", cold)
    report("warm load (reopened: HTTP cache and service worker)", warm)


if __name__ == "__main__":
    asyncio.run(main())
