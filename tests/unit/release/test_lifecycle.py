"""After the decision: release notices' numbers and the steps to exit."""

from datetime import UTC, datetime

import pytest

from clearway_release.cases.models import IllegalStep, Status, Step, advance
from clearway_release.releases.models import release_number

MARCH = datetime(2026, 3, 1, tzinfo=UTC)


def test_a_release_number_names_office_and_year_and_never_looks_like_a_customs_number() -> None:
    number = release_number(office="8021", released_at=MARCH, sequence=42)
    assert number == "80212026R000000042"
    assert len(number) == 18


@pytest.mark.parametrize(("office", "sequence"), [("802", 1), ("8021", 0), ("8021", 10**9)])
def test_a_release_number_refuses_what_it_cannot_encode(office: str, sequence: int) -> None:
    with pytest.raises(ValueError):
        release_number(office=office, released_at=MARCH, sequence=sequence)


@pytest.mark.parametrize(
    ("status", "step", "after"),
    [
        (Status.RELEASED, Step.EXIT, Status.EXITED),
        (Status.RELEASED_FOR_TRANSIT, Step.ARRIVE_AT_EXIT, Status.ARRIVED_AT_EXIT),
        (Status.RELEASED_FOR_TRANSIT, Step.HOLD_AT_EXIT, Status.HELD),
        (Status.HELD, Step.RELEASE_HELD, Status.ARRIVED_AT_EXIT),
        (Status.HELD, Step.REFUSE_HELD, Status.NOT_RELEASED),
        (Status.ARRIVED_AT_EXIT, Step.EXIT, Status.EXITED),
    ],
)
def test_the_way_to_exit(status: Status, step: Step, after: Status) -> None:
    assert advance(status, step) is after


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Status.WAITING, Step.EXIT),
        (Status.CANCELLED, Step.EXIT),
        (Status.RELEASED_FOR_TRANSIT, Step.EXIT),  # it has to arrive first
        (Status.HELD, Step.EXIT),  # an officer decides the hold first
        (Status.EXITED, Step.EXIT),
        (Status.ARRIVED_AT_EXIT, Step.ARRIVE_AT_EXIT),
        (Status.RELEASED, Step.ARRIVE_AT_EXIT),  # not a transit
    ],
)
def test_steps_out_of_turn_are_refused_with_a_reason(status: Status, step: Step) -> None:
    with pytest.raises(IllegalStep) as refused:
        advance(status, step)
    assert status.value in str(refused.value)
