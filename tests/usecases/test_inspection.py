"""The inspection service's use cases: a declaration's lane and the document check it opens."""

from datetime import UTC, datetime

import pytest

from clearway_contracts.events.common import Outcome, Reason
from clearway_inspection.checks import service as checks
from clearway_inspection.lanes import service as lanes
from clearway_inspection.outcomes import ReasonsRequired
from clearway_inspection.risk.models import RuleSet
from clearway_inspection.risk.service import publish_ruleset
from clearway_platform.clock import FrozenClock
from clearway_platform.domain_errors import Conflict
from tests.support.samples.snapshots import snapshot
from tests.usecases.conftest import Store, StoreFactory

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
RULES = RuleSet.model_validate(
    {
        "rules": [
            {"code": "T-YEL", "text": "yellow", "lane": "yellow", "when": {"destinations": ["UZ"]}}
        ],
        "random_selection": {"rates": {}},
    }
)


@pytest.fixture
async def db(store: StoreFactory) -> Store:
    db = await store("inspection")
    await publish_ruleset(uow=db.uow(), ruleset=RULES, actor="tests", clock=FrozenClock(NOW))
    return db


async def accept(db: Store, destination: str) -> None:
    uow = db.uow()
    async with uow:
        await lanes.accept(uow=uow, declaration=snapshot(destination=destination), now=NOW)
        await uow.commit()


async def test_a_declaration_gets_its_lane_and_the_lane_is_published(db: Store) -> None:
    await accept(db, "KZ")
    await accept(db, "UZ")

    lanes_published = await db.published("clearway.inspection.lane_assigned.v1")
    assert [(e["lane"], [r["code"] for r in e["reasons"]]) for e in lanes_published] == [
        ("green", ["NO-RISK"]),
        ("yellow", ["T-YEL"]),
    ]
    [check] = await checks.open_checks(uow=db.uow(), office="8021")
    assert check.revision == 1


async def test_a_document_check_is_decided_once_for_the_current_revision(db: Store) -> None:
    await accept(db, "UZ")
    [check] = await checks.open_checks(uow=db.uow(), office="8021")

    async def decide(revision: int, outcome: Outcome, reasons: list[Reason]) -> object:
        return await checks.decide(
            uow=db.uow(),
            check_id=check.id,
            office="8021",
            officer="officer-hrg",
            revision=revision,
            outcome=outcome,
            reasons=reasons,
            clock=FrozenClock(NOW),
        )

    with pytest.raises(ReasonsRequired):
        await decide(1, Outcome.FAILED, [])
    with pytest.raises(Conflict, match="at revision 1, not 2"):
        await decide(2, Outcome.PASSED, [])
    await decide(1, Outcome.PASSED, [])
    with pytest.raises(Conflict, match="passed, not open"):
        await decide(1, Outcome.PASSED, [])
    [completed] = await db.published("clearway.inspection.document_check_completed.v1")
    assert (completed["revision"], completed["outcome"]) == (1, "passed")
