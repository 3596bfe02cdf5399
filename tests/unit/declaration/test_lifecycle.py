"""The declaration lifecycle: no event sequence reaches a status the design does not allow."""

import contextlib
import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearway_declaration.lifecycle.models import (
    AFTER_RELEASE,
    IllegalTransition,
    Observation,
    Status,
    Step,
    Tracking,
    advance,
)

S = Status
NUMBER = "802120260000000001"
# The design's diagram, edge by edge...
DESIGN_EDGES = {
    (S.SUBMITTED, S.REJECTED),
    (S.SUBMITTED, S.ACCEPTED),
    (S.ACCEPTED, S.CANCELLED),
    (S.ACCEPTED, S.RELEASED),  # green lane
    (S.ACCEPTED, S.RELEASED_FOR_TRANSIT),
    (S.ACCEPTED, S.UNDER_CONTROL),  # yellow or red lane
    (S.UNDER_CONTROL, S.RELEASED),
    (S.UNDER_CONTROL, S.RELEASED_FOR_TRANSIT),
    (S.UNDER_CONTROL, S.NOT_RELEASED),
    (S.RELEASED, S.EXITED),
    (S.RELEASED_FOR_TRANSIT, S.ARRIVED_AT_EXIT),
    (S.RELEASED_FOR_TRANSIT, S.TRANSIT_OVERDUE),
    (S.TRANSIT_OVERDUE, S.ARRIVED_AT_EXIT),
    (S.ARRIVED_AT_EXIT, S.EXITED),
    (S.ARRIVED_AT_EXIT, S.HELD),
    (S.HELD, S.ARRIVED_AT_EXIT),  # "held (until an officer decides)": go on to exit...
    (S.HELD, S.NOT_RELEASED),  # ...or not
}
# ...and what it leaves to us, each for a reason.
OUR_EDGES = {
    (S.UNDER_CONTROL, S.CANCELLED),  # "cancelled before release" holds under control too
    (S.UNDER_CONTROL, S.ACCEPTED),  # an amendment sends it through risk again
    (S.ACCEPTED, S.NOT_RELEASED),  # a refusal overtaking its lane event on another topic
    (S.NOT_RELEASED, S.CANCELLED),  # withdrawing goods customs would not release
    (S.RELEASED_FOR_TRANSIT, S.HELD),  # arrival with broken seals: arrived and held at once
    (S.TRANSIT_OVERDUE, S.HELD),
}
ALLOWED = DESIGN_EDGES | OUR_EDGES

steps = st.lists(st.sampled_from(Step), max_size=12)


def run(status: Status, sequence: list[Step]) -> list[Status]:
    """The statuses passed through, illegal steps refused (status unchanged)."""
    passed = [status]
    for step in sequence:
        with contextlib.suppress(IllegalTransition):
            status = advance(status, step)
        passed.append(status)
    return passed


@given(steps)
def test_every_change_of_status_is_allowed_by_the_lifecycle(sequence: list[Step]) -> None:
    passed = run(Status.SUBMITTED, sequence)
    for before, after in itertools.pairwise(passed):
        assert before == after or (before, after) in ALLOWED


@given(st.sampled_from(Status), steps)
def test_exited_and_rejected_are_final(start: Status, sequence: list[Step]) -> None:
    passed = run(start, sequence)
    for index, status in enumerate(passed):
        if status in (S.EXITED, S.REJECTED):
            assert set(passed[index:]) == {status}


@given(st.sampled_from(sorted(AFTER_RELEASE)), steps)
def test_released_goods_never_return_to_risk(start: Status, sequence: list[Step]) -> None:
    assert not set(run(start, sequence)) & {S.SUBMITTED, S.ACCEPTED, S.UNDER_CONTROL}


@given(steps)
def test_a_cancelled_declaration_is_never_released(sequence: list[Step]) -> None:
    """The declaration service puts a cancellation and a release in one order: a release
    decision arriving after the cancellation is refused (the release service withdraws it)."""
    assert set(run(S.CANCELLED, sequence)) == {S.CANCELLED}


@given(st.sampled_from(sorted(AFTER_RELEASE)))
def test_released_goods_cannot_be_amended_or_cancelled(start: Status) -> None:
    for step in (Step.AMEND, Step.AMEND_FOR_RISK, Step.CANCEL):
        with pytest.raises(IllegalTransition):
            advance(start, step)


RELEASE_TRACKS = [
    [Step.RELEASE],
    [Step.RELEASE, Step.EXIT],
    [Step.REFUSE_RELEASE],
    [Step.RELEASE_FOR_TRANSIT, Step.ARRIVE_AT_EXIT, Step.EXIT],
    [Step.RELEASE_FOR_TRANSIT, Step.TRANSIT_OVERDUE, Step.ARRIVE_AT_EXIT],
    [
        Step.RELEASE_FOR_TRANSIT,
        Step.TRANSIT_OVERDUE,
        Step.HOLD_AT_EXIT,
        Step.RELEASE_HELD,
        Step.EXIT,
    ],
    [Step.RELEASE_FOR_TRANSIT, Step.HOLD_AT_EXIT, Step.REFUSE_HELD],
]


@st.composite
def interleavings(draw: st.DrawFn) -> tuple[list[Step], list[Step], list[Step]]:
    """An inspection track and a release track, and one way the two topics interleave them."""
    inspection = [draw(st.sampled_from([Step.LANE_GREEN, Step.LANE_CONTROL]))]
    release = draw(st.sampled_from(RELEASE_TRACKS))
    picks = draw(st.permutations([0] * len(inspection) + [1] * len(release)))
    tracks = [iter(inspection), iter(release)]
    return inspection, release, [next(tracks[pick]) for pick in picks]


def track(sequence: list[Step]) -> Tracking:
    tracking = Tracking(customs_number=NUMBER, status=S.ACCEPTED, revision=1, progress={})
    for step in sequence:
        observation = Observation(kind=step, at=datetime.now(UTC), step=step, facts={step: 1})
        tracking, _ = tracking.observe(observation, cause="test")
    return tracking


@given(interleavings())
def test_events_across_topics_reach_the_same_state_in_any_order(
    tracks: tuple[list[Step], list[Step], list[Step]],
) -> None:
    inspection, release, interleaved = tracks
    assert track(interleaved) == track(inspection + release)


def test_a_release_before_its_lane_event_ends_released_with_the_lane_recorded() -> None:
    tracking = track([Step.RELEASE, Step.LANE_CONTROL])
    assert tracking.status is S.RELEASED
    assert Step.LANE_CONTROL in tracking.progress


def test_an_illegal_step_is_recorded_as_refused_and_changes_nothing() -> None:
    tracking = Tracking(
        customs_number=NUMBER, status=S.RELEASED, revision=1, progress={"release": {}}
    )
    observation = Observation(
        kind="arrived_at_exit", at=datetime.now(UTC), step=Step.ARRIVE_AT_EXIT, facts={"x": 1}
    )
    after, entry = tracking.observe(observation, cause="event-1")
    assert after == tracking
    assert entry.refused
    assert entry.detail == "arrive_at_exit is not allowed when the declaration is released"


def test_a_release_for_an_amended_revision_is_refused() -> None:
    """Amended before the release was recorded: the release was for what is no longer declared."""
    tracking = Tracking(customs_number=NUMBER, status=S.ACCEPTED, revision=2, progress={})
    observation = Observation(
        kind="released", at=datetime.now(UTC), step=Step.RELEASE, revision=1, facts={"r": 1}
    )
    after, entry = tracking.observe(observation, cause="event-1")
    assert after == tracking
    assert entry.refused
    assert entry.detail == "about revision 1; the declaration is at revision 2"


def test_an_observation_about_an_older_revision_is_refused() -> None:
    tracking = Tracking(customs_number=NUMBER, status=S.ACCEPTED, revision=2, progress={})
    observation = Observation(
        kind="lane_assigned", at=datetime.now(UTC), step=Step.LANE_CONTROL, revision=1
    )
    after, entry = tracking.observe(observation, cause="event-1")
    assert after == tracking
    assert entry.refused


def test_partial_exits_add_up() -> None:
    tracking = Tracking(customs_number=NUMBER, status=S.RELEASED, revision=1, progress={})
    for vins, step in ((["A"], None), (["B"], Step.EXIT)):
        observation = Observation(
            kind="exit_confirmed", at=datetime.now(UTC), step=step, facts={"exits": [vins]}
        )
        tracking, _ = tracking.observe(observation, cause="event")
    assert tracking.status is S.EXITED
    assert tracking.progress["exits"] == [["A"], ["B"]]
