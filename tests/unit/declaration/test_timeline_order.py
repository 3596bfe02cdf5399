"""A declaration's timeline reads in the order things happened, whatever order events came in."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from clearway_declaration.lifecycle.models import Status, TimelineEntry, in_time_order

T0 = datetime(2026, 3, 1, 9, 15, tzinfo=UTC)


def entry(kind: str, at: datetime, status: Status = Status.RELEASED) -> TimelineEntry:
    return TimelineEntry(at=at, kind=kind, previous_status=None, status=status, cause=kind)


def test_entries_recorded_out_of_order_read_by_time() -> None:
    # The release topic was read before the inspection topic: recorded first, happened last.
    recorded = [
        entry("accepted", T0, Status.ACCEPTED),
        entry("released", T0 + timedelta(minutes=40)),
        entry("inspection", T0 + timedelta(minutes=30)),
        entry("lane_assigned", T0 + timedelta(seconds=1), Status.UNDER_CONTROL),
    ]
    kinds = [e.kind for e in in_time_order(recorded)]
    assert kinds == ["accepted", "lane_assigned", "inspection", "released"]


def test_at_the_same_instant_a_cause_comes_before_what_it_caused() -> None:
    recorded = [entry("released", T0), entry("lane_assigned", T0), entry("accepted", T0)]
    assert [e.kind for e in in_time_order(recorded)] == ["accepted", "lane_assigned", "released"]


def test_entries_of_one_kind_at_one_instant_keep_the_order_recorded() -> None:
    first, second = entry("appointment_booked", T0), entry("appointment_booked", T0)
    first = replace(first, cause="first")
    assert [e.cause for e in in_time_order([first, second])] == ["first", "appointment_booked"]
