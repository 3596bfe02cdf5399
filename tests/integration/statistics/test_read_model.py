"""The statistics read model, fed by real events through the real broker: each event counts
once, an amended declaration counts with its current facts, and a rebuild from Kafka gives
the same numbers as live consumption."""

import asyncio
import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import func, select

from clearway_contracts.events.common import Lane, PowerType, VehicleCondition
from clearway_contracts.events.declaration import DeclarationAccepted, DeclarationAmended
from clearway_contracts.events.inspection import (
    AppointmentBooked,
    AppointmentCancelled,
    VehicleArrived,
)
from clearway_contracts.events.release import ExitConfirmed, Released
from clearway_gateway.app import create_app
from clearway_gateway.settings import Settings
from clearway_gateway.statistics.rebuild import RebuildRefused, rebuild
from clearway_platform.db import create_engine, inbox
from tests.integration.statistics.conftest import statistics_api
from tests.support.events import AsOwners
from tests.support.http import serve
from tests.support.samples.snapshots import cancelled, car, lane, routing, snapshot

pytestmark = pytest.mark.integration

# 09:00 in Horgos on 3 March 2026 (China Standard Time), and the day after.
DAY = date(2026, 3, 3)
MORNING = datetime(2026, 3, 3, 1, 0, tzinfo=UTC)
PERIOD = {"from": "2026-03-03", "to": "2026-03-04"}


def accepted(
    declaration_id: UUID, *, office: str = "8021", destination: str = "KZ", **fields: Any
) -> DeclarationAccepted:
    lodged = snapshot(
        declaration_id=declaration_id,
        routing=routing(office=office),
        destination=destination,
        accepted_at=MORNING,
        **fields,
    )
    return DeclarationAccepted(**lodged.model_dump())


def released(declaration_id: UUID, minutes: int) -> Released:
    return Released(
        declaration_id=declaration_id,
        revision=1,
        release_number=f"R{uuid4().hex[:8]}",
        office="8021",
        released_at=MORNING + timedelta(minutes=minutes),
    )


def exited(declaration_id: UUID, minutes: int) -> ExitConfirmed:
    return ExitConfirmed(
        declaration_id=declaration_id,
        revision=1,
        office="8021",
        vins=[],
        complete=True,
        exited_at=MORNING + timedelta(minutes=minutes),
    )


# The day's distinct events (a redelivery has the same event id, and counts once).
EVENTS_OF_THE_DAY = 20


async def a_day_at_horgos(upstream: AsOwners) -> None:
    """Four declarations lodged at Horgos (8021) on DAY, one at Qingdao (4200), one cancelled;
    one amended from two petrol cars to three BEVs; events redelivered."""
    first, second, amended, gone, qingdao = (uuid4() for _ in range(5))
    await upstream.send(
        accepted(first, items=[car(1, power=PowerType.BEV), car(2, power=PowerType.PHEV)]),
        event_id="first-accepted",
    )
    await upstream.send(
        accepted(first), event_id="first-accepted"
    )  # redelivered: the inbox skips it
    await upstream.send(
        accepted(second, destination="UZ", items=[car(1, condition=VehicleCondition.USED)]),
        accepted(amended, items=[car(1), car(2)]),
        DeclarationAmended(
            **accepted(
                amended,
                revision=2,
                items=[car(n, power=PowerType.BEV) for n in (1, 2, 3)],
            ).model_dump(),
            risk_relevant=True,
            amended_at=MORNING + timedelta(minutes=5),
        ),
        accepted(gone),
        cancelled(gone),
        accepted(qingdao, office="4200", items=[car(1, power=PowerType.DIESEL)]),
        lane(first, Lane.GREEN),
        lane(second, Lane.GREEN),
        lane(amended, Lane.YELLOW, revision=1),
        lane(amended, Lane.RED, revision=2),
        released(first, 10),
        released(second, 30),
        released(amended, 90),
        exited(first, 60),
    )
    await upstream.send(released(first, 10), event_id="released-first-again")  # same fact
    slot = MORNING + timedelta(hours=2)
    booked, dropped = uuid4(), uuid4()
    for appointment in (booked, dropped):
        await upstream.send(
            AppointmentBooked(
                declaration_id=amended,
                appointment_id=appointment,
                site_id="HRG-1",
                slot_start=slot,
                slot_end=slot + timedelta(minutes=30),
            )
        )
    await upstream.send(
        AppointmentCancelled(
            declaration_id=amended,
            appointment_id=dropped,
            site_id="HRG-1",
            slot_start=slot,
            slot_end=slot + timedelta(minutes=30),
        ),
        VehicleArrived(
            declaration_id=amended,
            site_id="HRG-1",
            appointment_id=booked,
            arrived_at=slot,
            checked_in_by="inspector-hrg",
        ),
    )


async def answers(api: httpx.AsyncClient) -> dict[str, Any]:
    """Everything the dashboard asks about the day."""
    found = {}
    for group_by in ("office", "mode", "destination", "power", "condition"):
        response = await api.get(
            "/v1/statistics/declarations", params={**PERIOD, "group_by": group_by}
        )
        assert response.status_code == 200, response.text
        found[group_by] = response.json()
    for name in ("lanes", "release-times", "slot-utilisation"):
        response = await api.get(f"/v1/statistics/{name}", params=PERIOD)
        assert response.status_code == 200, response.text
        found[name] = response.json()
    return found


async def settled(api: httpx.AsyncClient, settings: Settings) -> dict[str, Any]:
    """The answers once the consumer has taken in every event of the day: events of three
    topics and several partitions arrive in no set order, so the inbox is what says."""
    engine = create_engine(settings.database_url, pool_size=1)
    try:
        async with asyncio.timeout(60):
            while True:
                async with engine.connect() as connection:
                    seen = (
                        await connection.execute(select(func.count()).select_from(inbox))
                    ).scalar_one()
                if seen == EVENTS_OF_THE_DAY:
                    return await answers(api)
                await asyncio.sleep(0.2)
    finally:
        await engine.dispose()


async def test_the_day_counts_each_declaration_once_with_its_current_facts(
    settings: Settings, upstream: AsOwners
) -> None:
    await a_day_at_horgos(upstream)
    async with statistics_api(settings) as api:
        found = await settled(api, settings)
        at_horgos = await api.get(
            "/v1/statistics/declarations", params={**PERIOD, "office": "8021", "group_by": "power"}
        )
        as_csv = await api.get(
            "/v1/statistics/lanes", params=PERIOD, headers={"Accept": "text/csv"}
        )

    by_office = {(r["key"], r["day"]): r for r in found["office"]["rows"]}
    assert by_office[("8021", "2026-03-03")]["declarations"] == 3  # the cancelled one is out
    assert by_office[("8021", "2026-03-03")]["vehicles"] == 2 + 1 + 3
    assert by_office[("4200", "2026-03-03")]["declarations"] == 1
    assert found["destination"]["vehicles"] == {"KZ": 6, "UZ": 1}
    assert found["power"]["vehicles"] == {"bev": 4, "phev": 1, "petrol": 1, "diesel": 1}
    assert found["power"]["new_three_share"] == pytest.approx(5 / 7)
    assert found["condition"]["vehicles"] == {"new": 6, "used": 1}
    assert at_horgos.json()["vehicles"] == {"bev": 4, "phev": 1, "petrol": 1}

    lanes = {r["lane"]: r["declarations"] for r in found["lanes"]["rows"]}
    assert lanes == {"green": 2, "red": 1}  # the amended one's lane is its revision 2's

    times = {(r["lane"], r["stage"]): r for r in found["release-times"]["rows"]}
    green = times[("green", "release")]
    assert green["declarations"] == 2
    assert green["p50_seconds"] == pytest.approx(20 * 60)  # between 10 and 30 minutes
    assert green["p99_seconds"] == pytest.approx((10 + 0.99 * 20) * 60)
    assert times[("red", "release")]["p90_seconds"] == pytest.approx(90 * 60)
    assert times[("green", "exit")]["p50_seconds"] == pytest.approx(60 * 60)

    [slots] = found["slot-utilisation"]["rows"]
    assert (slots["site_id"], slots["booked"], slots["arrived"], slots["cancelled"]) == (
        "HRG-1",
        1,
        1,
        1,
    )
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert list(csv.DictReader(io.StringIO(as_csv.text))) == [
        {"lane": "green", "declarations": "2", "share": str(2 / 3)},
        {"lane": "red", "declarations": "1", "share": str(1 / 3)},
    ]


async def test_a_rebuild_from_kafka_gives_the_numbers_live_consumption_gave(
    settings: Settings, upstream: AsOwners
) -> None:
    await a_day_at_horgos(upstream)
    async with statistics_api(settings) as api:
        live = await settled(api, settings)
    said: list[str] = []
    read = await rebuild(settings, say=said.append)
    assert read > 20
    assert said[0] == "statistics rebuild: tables emptied"
    assert said[-1] == f"statistics rebuild: done, {read} events read"
    api_only = settings.model_copy(update={"roles": {"api"}})
    async with statistics_api(api_only) as api:
        assert await answers(api) == live


async def test_a_rebuild_refuses_while_the_statistics_role_runs_and_keeps_the_tables(
    settings: Settings, upstream: AsOwners
) -> None:
    await a_day_at_horgos(upstream)
    async with statistics_api(settings) as api:
        live = await settled(api, settings)
        with pytest.raises(RebuildRefused, match="stop it, then rebuild"):
            await rebuild(settings, say=lambda _: None)
        assert await answers(api) == live


async def test_questions_out_of_bounds_are_refused_naming_the_parameter(settings: Settings) -> None:
    api_only = settings.model_copy(update={"roles": {"api"}})
    async with statistics_api(api_only) as api:
        backwards = await api.get(
            "/v1/statistics/lanes", params={"from": "2026-03-04", "to": "2026-03-03"}
        )
        too_long = await api.get(
            "/v1/statistics/lanes", params={"from": "2024-01-01", "to": "2026-03-03"}
        )
        fullwidth = "\uff18\uff10\uff12\uff11"  # 8021 in fullwidth digits: \d, not [0-9]
        office = await api.get("/v1/statistics/declarations", params={"office": fullwidth})
        group = await api.get("/v1/statistics/declarations", params={"group_by": "colour"})
        forwarder = await api.get(
            "/v1/statistics/lanes", headers={"Authorization": "", "X-API-Key": "cwk_nobody"}
        )
    for refused, field in (
        (backwards, "to"),
        (too_long, "to"),
        (office, "office"),
        (group, "group_by"),
    ):
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in refused.json()["errors"]] == [field]
    assert forwarder.status_code == 401


async def test_readiness_follows_the_statistics_role(settings: Settings) -> None:
    """The statistics role needs Kafka to be ready; the API role does not look at it."""
    consumer_only = settings.model_copy(update={"roles": {"statistics"}})
    async with serve(create_app(consumer_only)) as url, httpx.AsyncClient(base_url=url) as client:
        async with asyncio.timeout(30):
            while (ready := await client.get("/readyz")).status_code != 200:
                await asyncio.sleep(0.2)
        assert ready.json()["checks"] == {"database": True, "kafka": True}
    api_only = settings.model_copy(update={"roles": {"api"}})
    async with serve(create_app(api_only)) as url, httpx.AsyncClient(base_url=url) as client:
        ready = await client.get("/readyz")
        assert (ready.status_code, ready.json()["checks"]) == (200, {"database": True})
