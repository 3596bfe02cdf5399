"""The statistics dashboard shows the numbers of a seeded day: declarations lodged through
the gateway at Alashankou (8031, an office no other browser test lodges at), cleared by the
whole system, counted by the gateway's statistics role from the events."""

import asyncio
import csv
import io
from typing import Any

import httpx
from playwright.async_api import BrowserContext, expect

from tests.browser.pages import fits_the_width, ready, screen
from tests.e2e.conftest import System
from tests.e2e.flow import lodge, wait_for_status
from tests.support.samples import bodies

OFFICE = "8031"


def two_cars(*powers: str) -> dict[str, Any]:
    """New cars lodged locally at Alashankou: a green lane, released at once."""
    body = bodies.public_declaration(mode="local", declaring_office=OFFICE, cars=len(powers))
    body["items"] = [bodies.car(line, power=power) for line, power in enumerate(powers, start=1)]
    total = sum(float(item["value"]) for item in body["items"])
    body["totals"] = {"item_count": len(powers), "value": {"USD": f"{total:.2f}"}}
    return body


async def counted(officer: httpx.AsyncClient, vehicles: int) -> dict[str, Any]:
    """The statistics once the read model has taken in the day (it follows the events)."""
    async with asyncio.timeout(60):
        while True:
            response = await officer.get(
                "/v1/statistics/declarations", params={"office": OFFICE, "group_by": "power"}
            )
            assert response.status_code == 200, response.text
            times = await officer.get("/v1/statistics/release-times", params={"office": OFFICE})
            if sum(response.json()["vehicles"].values()) == vehicles and times.json()["rows"]:
                return dict(response.json())
            await asyncio.sleep(0.3)


async def test_the_dashboard_shows_the_numbers_of_a_seeded_day(
    system: System, desk: BrowserContext
) -> None:
    forwarder, officer = system.forwarder(), system.official("officer-hrg")
    petrol = await lodge(forwarder, two_cars("petrol", "petrol"))
    electric = await lodge(forwarder, two_cars("bev", "phev"))
    for lodged in (petrol, electric):
        await wait_for_status(forwarder, lodged["id"], "released")
    answer = await counted(officer, vehicles=4)
    assert answer["vehicles"] == {"petrol": 2, "bev": 1, "phev": 1}

    page = await desk.new_page()
    await page.goto(f"{system.gateway_url}/console/stats")
    await ready(page)
    await page.get_by_role("button", name="Sign in as officer-hrg (8021)").click()
    await expect(page.get_by_role("heading", level=1, name="统计")).to_be_visible()
    await page.get_by_role("button", name="English").click()
    await expect(page.get_by_role("heading", level=1, name="Statistics")).to_be_visible()

    await page.get_by_label("Declaring office").fill(OFFICE)
    await page.get_by_role("button", name="Show", exact=True).click()
    summary = page.get_by_role("region", name="Summary")
    await expect(summary.locator("[data-stat='declarations']")).to_have_text("2")
    await expect(summary.locator("[data-stat='vehicles']")).to_have_text("4")
    await expect(summary.locator("[data-stat='new-three']")).to_have_text("50%")
    per_day = page.get_by_role("table", name="Declarations and vehicles per day")
    await expect(per_day.get_by_role("row", name="Battery electric")).to_contain_text("1")
    await expect(per_day.get_by_role("row", name="Petrol")).to_contain_text("2")
    lanes = page.get_by_role("table", name="Share of each risk lane")
    await expect(lanes.get_by_role("row", name="Green")).to_contain_text("100%")
    times = page.get_by_role("table", name="Percentiles per office and lane")
    await expect(times.get_by_role("row", name=OFFICE).first).to_contain_text("release")
    await expect(page.locator(".chart canvas").first).to_be_visible()  # uPlot drew the chart
    await screen(page, "console-statistics")

    async with page.expect_download() as downloading:
        await (
            page.get_by_role("region", name="Risk lanes")
            .get_by_role("button", name="Download CSV")
            .click()
        )
    download = await downloading.value
    path = await download.path()
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert [(row["lane"], row["declarations"], row["share"]) for row in rows] == [
        ("green", "2", "1.0")
    ]

    await page.set_viewport_size({"width": 800, "height": 1280})  # on a tablet too
    assert await fits_the_width(page)
