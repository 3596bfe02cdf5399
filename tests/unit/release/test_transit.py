"""Direct-transfer transits: the deadline, the seal check, holds."""

from datetime import UTC, datetime, timedelta

import pytest

from clearway_release.cases.models import Step
from clearway_release.transits.models import HoldDecision, RemarksRequired, Transit
from tests.support.samples import facts as samples

RELEASED_AT = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def transit() -> Transit:
    return Transit.start(
        declaration_id=samples.declaration_id(),
        declaration=samples.direct_transfer(),
        released_at=RELEASED_AT,
    )


def test_a_transit_carries_the_declared_terms_and_a_deadline_from_release() -> None:
    started = transit()
    assert (started.departure_office, started.exit_office) == ("8601", "8021")
    assert started.seals == ("CN8601-0001", "CN8601-0002")
    assert started.means_id == "X8017"
    assert started.deadline == RELEASED_AT + timedelta(hours=72)
    assert not started.overdue


def test_only_a_direct_transfer_travels_as_a_transit() -> None:
    with pytest.raises(ValueError):
        Transit.start(
            declaration_id=samples.declaration_id(),
            declaration=samples.local(),
            released_at=RELEASED_AT,
        )


def test_intact_seals_let_the_goods_go_on_to_exit() -> None:
    at = RELEASED_AT + timedelta(hours=50)
    arrived, step = transit().arrive(at=at, seals_intact=True, remarks="  ")
    assert step is Step.ARRIVE_AT_EXIT
    assert (arrived.arrived_at, arrived.seals_intact, arrived.remarks) == (at, True, None)


def test_broken_seals_hold_the_goods_and_need_remarks() -> None:
    with pytest.raises(RemarksRequired):
        transit().arrive(at=RELEASED_AT, seals_intact=False, remarks=" ")
    arrived, step = transit().arrive(at=RELEASED_AT, seals_intact=False, remarks="seal 2 cut")
    assert step is Step.HOLD_AT_EXIT
    assert arrived.remarks == "seal 2 cut"


@pytest.mark.parametrize(
    ("decision", "step"),
    [(HoldDecision.RELEASE, Step.RELEASE_HELD), (HoldDecision.REFUSE, Step.REFUSE_HELD)],
)
def test_an_officer_decides_a_hold(decision: HoldDecision, step: Step) -> None:
    decided, taken = transit().decide_hold(
        decision=decision, remarks="recounted", officer="officer-hrg", at=RELEASED_AT
    )
    assert taken is step
    assert decided.hold is not None and decided.hold.decided_by == "officer-hrg"
