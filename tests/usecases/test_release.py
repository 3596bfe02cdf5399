"""The release service's use cases: a decision pending, then in force, then the exit."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from clearway_contracts.events.common import DeclarationStatus, Lane
from clearway_platform.clock import FrozenClock
from clearway_release.cases.models import NotInForce, Status
from clearway_release.exits import service as exits
from clearway_release.releases.handlers import handlers
from tests.support.samples.snapshots import VINS, accepted, amended, lane, status_changed
from tests.usecases.conftest import Store, StoreFactory

CLOCK = FrozenClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))


@pytest.fixture
async def db(store: StoreFactory) -> Store:
    return await store("release")


async def exit_all(db: Store, declaration_id: object, revision: int = 1) -> exits.ExitState:
    return await exits.confirm_exit(
        uow=db.uow(),
        declaration_id=declaration_id,  # type: ignore[arg-type]
        office="8021",
        officer="officer-hrg",
        revision=revision,
        vins=None,
        clock=CLOCK,
    )


async def test_a_green_lane_releases_and_the_goods_exit_once_it_is_in_force(db: Store) -> None:
    declaration_id = uuid4()
    await db.handle(handlers(CLOCK), accepted(declaration_id), lane(declaration_id, Lane.GREEN))
    [released] = await db.published("clearway.release.released.v1")
    assert released["revision"] == 1

    with pytest.raises(NotInForce):
        await exit_all(db, declaration_id)
    await db.handle(handlers(CLOCK), status_changed(declaration_id, DeclarationStatus.RELEASED))
    exited = await exit_all(db, declaration_id)

    assert exited.status is Status.EXITED
    assert exited.exited == VINS and exited.remaining == []


async def test_an_amendment_first_withdraws_the_pending_release(db: Store) -> None:
    declaration_id = uuid4()
    await db.handle(handlers(CLOCK), accepted(declaration_id), lane(declaration_id, Lane.GREEN))
    await db.handle(handlers(CLOCK), amended(declaration_id, revision=2))

    [withdrawn] = await db.published("clearway.release.withdrawn.v1")
    assert withdrawn["revision"] == 1 and withdrawn["reason"]["code"] == "amended"
    await db.handle(handlers(CLOCK), lane(declaration_id, Lane.GREEN, revision=2))
    releases = await db.published("clearway.release.released.v1")
    assert [r["revision"] for r in releases] == [1, 2]
