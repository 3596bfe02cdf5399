"""An exit-port officer's day in the console: a document check, transits due and overdue, a
hold, a train leaving in parts, a declaration's timeline, the offices' hours (the statistics
dashboard has a test of its own: test_statistics)."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from playwright.async_api import BrowserContext, Locator, Page, expect

from tests.browser.pages import fits_the_width, ready, screen
from tests.e2e.conftest import System
from tests.e2e.flow import lodge, wait_for_status
from tests.support.samples import bodies

BATTERIES: dict[str, str | int] = {
    "line": 1,
    "hs_code": "850760",
    "description": "Lithium-ion battery packs",
    "quantity": "40",
    "unit": "PCE",
    "value": "8000.00",
    "currency": "USD",
    "origin_country": "CN",
}


async def test_an_officer_confirms_a_partial_exit_and_decides_the_rest_of_the_day(
    system: System, desk: BrowserContext
) -> None:
    forwarder, rail, officer = (
        system.forwarder(),
        system.forwarder("5001987654"),
        system.official("officer-hrg"),
    )
    three_cars = bodies.public_declaration(mode="local", declaring_office="8021", cars=3)
    cars = await lodge(forwarder, three_cars)
    batteries = await lodge(forwarder, _batteries())
    arriving = await lodge(rail, bodies.car_carrier_train(cars=4))
    late = await lodge(rail, bodies.car_carrier_train(cars=2))
    await wait_for_status(forwarder, cars["id"], "released")
    await wait_for_status(forwarder, batteries["id"], "under_control")  # yellow: documents
    await wait_for_status(rail, arriving["id"], "released_for_transit")
    await wait_for_status(rail, late["id"], "released_for_transit")

    page = await desk.new_page()
    await page.goto(f"{system.gateway_url}/console/")
    await ready(page)
    await screen(page, "console-sign-in")
    await page.get_by_role("button", name="Sign in as officer-hrg (8021)").click()
    await expect(page.get_by_role("heading", name="单证审核")).to_be_visible()  # Horgos: Chinese
    await page.get_by_role("button", name="English").click()

    # Documents of the batteries: passed, for the revision shown.
    check = page.get_by_role("article", name=batteries["customs_number"])
    await expect(check).to_be_visible()
    await screen(page, "console-document-checks")
    await check.get_by_role("button", name="Decide").click()
    await expect(page.get_by_text(f"{batteries['customs_number']}: Passed")).to_be_visible()
    await wait_for_status(forwarder, batteries["id"], "released")

    # A train arrives with a cut seal: held. Another is past its time limit: overdue.
    await _go(page, "Transits")
    train = _card_of(page, arriving["id"])
    await train.get_by_label("Broken, missing or different").check()
    await train.get_by_label("Remarks (required if a seal is not intact)").fill(
        "seal CN8601-000124 cut, wagon 3 door open"
    )
    await train.get_by_role("button", name="Record the arrival").click()
    await expect(page.get_by_text("X8052 arrived with broken seals: held")).to_be_visible()
    system.release_clock.advance(timedelta(hours=97))  # the time limit is 96 hours
    await wait_for_status(rail, late["id"], "transit_overdue")
    await page.get_by_role("button", name="Overdue").click()
    await expect(_card_of(page, late["id"]).get_by_text("overdue since")).to_be_visible()
    await screen(page, "console-transits-overdue")

    await _go(page, "Holds at exit")
    held = _card_of(page, arriving["id"])
    await expect(held.get_by_text("seal CN8601-000124 cut")).to_be_visible()
    await screen(page, "console-holds")
    await held.get_by_label("Why (required)").fill("wagon 3 counted: all four cars aboard")
    await held.get_by_role("button", name="Decide").click()
    await expect(page.get_by_text("X8052 released to exit")).to_be_visible()
    await wait_for_status(rail, arriving["id"], "arrived_at_exit")

    # The car carrier leaves with two of its three cars; the third follows.
    await _go(page, "Exits")
    await page.get_by_role("link", name=cars["customs_number"]).click()
    vins = bodies.vins(three_cars)
    for vin in vins[:2]:
        await page.get_by_label(vin).check()
    await page.get_by_role("button", name="Confirm exit of 2 vehicles").click()
    await expect(page.get_by_text("2 vehicles exited now. 1 remains.")).to_be_visible()
    await screen(page, "console-exits-partial")
    release = (await officer.get(f"/v1/releases/{cars['id']}")).json()
    assert sorted(release["exited_vehicles"]) == sorted(vins[:2])
    assert release["status"] == "released"
    await page.get_by_role("button", name="Confirm the whole consignment (1 vehicle)").click()
    await expect(page.get_by_text("Every vehicle has exited.")).to_be_visible()
    await wait_for_status(forwarder, cars["id"], "exited")

    await page.get_by_role("button", name="Open the timeline").click()
    timeline = page.get_by_role("table", name="Timeline")
    await expect(timeline.get_by_role("cell", name="Released → Exited")).to_be_visible()
    latest = page.get_by_role("region", name="Latest at your office")
    await expect(latest.get_by_role("link").first).to_be_visible()
    await screen(page, "console-timeline")

    await _go(page, "Offices")
    offices = page.get_by_role("table", name="Customs offices, each in its own time zone")
    await expect(offices.get_by_role("row")).to_have_count(6)  # the header and five offices
    await expect(offices.get_by_role("row", name="8021 Horgos Port Customs")).to_contain_text(
        "Open"
    )
    await screen(page, "console-offices")
    await page.set_viewport_size({"width": 800, "height": 1280})  # on a tablet too
    assert await fits_the_width(page)
    await page.set_viewport_size({"width": 1280, "height": 800})


def _batteries() -> dict[str, Any]:
    body = bodies.public_declaration(mode="local", declaring_office="8021")
    body["items"] = [BATTERIES]
    body["totals"] = {"item_count": 1, "value": {"USD": f"{Decimal(str(BATTERIES['value'])):.2f}"}}
    return body


def _card_of(page: Page, declaration_id: str) -> Locator:
    link = page.locator(f"a[href='#/declarations/{declaration_id}']")
    return page.locator("article", has=link)


async def _go(page: Page, screen_name: str) -> None:
    await page.get_by_role("navigation").get_by_role("link", name=screen_name).click()
    await expect(page.get_by_role("heading", level=1, name=screen_name)).to_be_visible()
