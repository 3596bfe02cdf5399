"""An inspector works a 20-vehicle train on the tablet, part of it with no network."""

import re
from collections import Counter
from typing import Any

from playwright.async_api import BrowserContext, Page, Response, expect

from tests.browser.pages import fits_the_width, ready, screen
from tests.e2e.conftest import System
from tests.e2e.flow import lodge, wait_for_status
from tests.support.samples import bodies

CARS = 20
ONLINE_FIRST, OFFLINE = 5, 10  # then the rest online again
FINDINGS = "/findings/"


async def test_an_inspector_completes_a_20_vehicle_inspection_with_a_spell_offline(
    system: System, tablet: BrowserContext
) -> None:
    forwarder, inspector = system.forwarder(), system.official("inspector-hrg")
    lodged = await lodge(
        forwarder,
        bodies.public_declaration(mode="local", declaring_office="8021", cars=CARS, used=True),
    )
    await wait_for_status(forwarder, lodged["id"], "under_control")  # used cars: red lane
    number = lodged["customs_number"]

    page = await tablet.new_page()
    synced: Counter[str] = Counter()  # findings the server accepted, per VIN
    page.on("response", lambda response: _count_finding(response, synced))
    await page.goto(f"{system.gateway_url}/tablet/")
    await ready(page)
    await screen(page, "tablet-sign-in")
    await page.get_by_role("button", name="Sign in as inspector-hrg (HRG-1)").click()

    # Horgos is a Chinese site: Chinese first. The train arrives at the gate (inspection upon
    # arrival: Horgos is open 24 hours) and is checked in.
    await expect(page.get_by_role("heading", name="HRG-1 今日队列")).to_be_visible()
    await page.get_by_label("报关单号、车辆识别代号或车牌").fill(number)
    await page.get_by_role("button", name="登记").click()
    await expect(page.get_by_text(f"{number} 已进入队列")).to_be_visible()
    await expect(page.get_by_role("heading", name="今日已预约时段")).to_be_visible()
    await screen(page, "tablet-queue-zh")
    await page.get_by_role("button", name="English").click()  # English a tap away
    await expect(page.get_by_role("heading", name="Today at HRG-1")).to_be_visible()
    card = page.get_by_role("article", name=number)
    await screen(page, "tablet-queue")
    await card.get_by_role("button", name="Claim").click()
    await expect(page.get_by_text(f"0 of {CARS} vehicles inspected")).to_be_visible()
    inspection = page.url.split("#/inspections/")[1]
    await screen(page, "tablet-inspection")
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # app kept on the device
    await page.get_by_role("button", name="Next vehicle").click()

    # The check digit is verified as the VIN is typed.
    vin_field = page.get_by_label("VIN on the vehicle (scan or type)")
    declared = await _declared_vin(page)
    await vin_field.press_sequentially(_wrong_check_digit(declared))
    await expect(page.get_by_text("Check digit (9th character) should be")).to_be_visible()
    await screen(page, "tablet-vehicle-check-digit")
    assert await _touch_sized(page)

    inspected: list[str] = []
    seal_broken = mismatch = ""
    for position in range(1, CARS + 1):
        await expect(
            page.get_by_role("heading", name=f"Vehicle {position} of {CARS}")
        ).to_be_visible()
        declared = await _declared_vin(page)
        inspected.append(declared)
        if position == ONLINE_FIRST + 1:
            await tablet.set_offline(True)
            await expect(page.get_by_text("Offline", exact=True)).to_be_visible()
        if position == 3:
            mismatch = declared  # a valid VIN, but not this vehicle's: a discrepancy
            await vin_field.fill(bodies.REAL_VINS[0])
            await expect(page.get_by_text("Valid VIN, but not the declared one")).to_be_visible()
        else:
            await vin_field.fill(declared)
            await expect(page.get_by_text("Valid VIN, matches the declared one")).to_be_visible()
        await page.get_by_label("Odometer (km)").fill(str(40_000 + position))
        if position == 4:
            await page.get_by_label("Damaged", exact=True).check()
            await _save_and_next(page, position)
            await expect(page.get_by_text("Say what the damage is.")).to_be_visible()
            await page.get_by_label("What is the damage? (required)").fill(
                "scratch on the rear bumper"
            )
        if position == ONLINE_FIRST + 3:
            seal_broken = declared
            await page.get_by_label("Broken, missing or different").check()
            await page.get_by_label("Seal numbers (comma between)").fill("CN8021-7781")
        await _save_and_next(page, position)

        if position == ONLINE_FIRST + OFFLINE:
            # Ten findings wait on the tablet, and survive the app being closed and opened.
            waiting = page.get_by_role("button", name=f"{OFFLINE} findings waiting to sync")
            await expect(waiting).to_be_visible()
            assert len(await _findings(inspector, inspection)) == ONLINE_FIRST
            await page.reload()
            await ready(page)
            await expect(waiting).to_be_visible()
            await page.goto(f"{system.gateway_url}/tablet/#/inspections/{inspection}")
            await expect(
                page.get_by_text(f"{ONLINE_FIRST + OFFLINE} of {CARS} vehicles inspected")
            ).to_be_visible()
            await screen(page, "tablet-offline")

            await tablet.set_offline(False)
            await expect(waiting).to_be_hidden(timeout=20_000)
            await expect(page.get_by_text("Online", exact=True)).to_be_visible()
            found = await _findings(inspector, inspection)
            assert sorted(finding["vin"] for finding in found) == sorted(inspected)
            await page.get_by_role("button", name="Next vehicle").click()

    await expect(page.get_by_text(f"{CARS} of {CARS} vehicles inspected")).to_be_visible()
    await expect(page.get_by_role("button", name=re.compile("waiting to sync"))).to_have_count(0)
    assert sorted(synced) == sorted(inspected) and set(synced.values()) == {1}, synced
    await page.set_viewport_size({"width": 1280, "height": 800})  # the tablet turned sideways
    assert await fits_the_width(page)
    await page.set_viewport_size({"width": 800, "height": 1280})

    # A pass names each discrepancy it accepts; the API refuses it otherwise, naming the VIN.
    await page.get_by_role("button", name="Give the outcome").click()
    await page.get_by_role("button", name="Give the outcome").click()
    await expect(page.get_by_text(f"vehicles.{seal_broken}")).to_be_visible()
    await expect(page.get_by_text(f"vehicles.{mismatch}")).to_be_visible()
    await screen(page, "tablet-outcome")
    await page.get_by_label(f"Seal broken: {seal_broken}").fill(
        "seal tore in loading; vehicle as declared"
    )
    await page.get_by_label(f"VIN differs: {mismatch}").fill(
        "misread plate re-checked on the frame"
    )
    await page.get_by_role("button", name="Give the outcome").click()
    await expect(page.get_by_role("heading", name=f"{number} passed")).to_be_visible()
    await screen(page, "tablet-passed")

    found = await _findings(inspector, inspection)
    assert len(found) == CARS and len({finding["vin"] for finding in found}) == CARS
    await wait_for_status(forwarder, lodged["id"], "released")


def _count_finding(response: Response, synced: Counter[str]) -> None:
    request = response.request
    if request.method == "PUT" and FINDINGS in request.url and response.status == 200:
        synced[request.url.rsplit("/", 1)[1]] += 1


async def _declared_vin(page: Page) -> str:
    return (await page.locator("dd.vin").inner_text()).strip()


def _wrong_check_digit(vin: str) -> str:
    wrong = "0" if vin[8] != "0" else "1"
    return vin[:8] + wrong + vin[9:]


async def _save_and_next(page: Page, position: int) -> None:
    name = "Save and next vehicle" if position < CARS else "Save and back to the list"
    await page.get_by_role("button", name=name).click()


async def _touch_sized(page: Page) -> bool:
    """Every button on the vehicle checklist is at least 48 px high: big enough for gloves."""
    heights = await page.locator("main button").evaluate_all(
        "(buttons) => buttons.map((button) => button.getBoundingClientRect().height)"
    )
    return bool(heights) and min(heights) >= 48


async def _findings(inspector: Any, inspection: str) -> list[dict[str, Any]]:
    detail = await inspector.get(f"/v1/tablet/inspections/{inspection}")
    assert detail.status_code == 200, detail.text
    return list(detail.json()["findings"])
