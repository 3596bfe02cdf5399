"""The statistics' pure parts: a declaration's facts, days at the border, shares, periods."""

from datetime import UTC, date, datetime

import pytest

from clearway_contracts.events.common import PowerType, VehicleCondition
from clearway_gateway.statistics.models import (
    Count,
    Period,
    SlotUse,
    customs_day,
    facts_of,
    new_three_share,
    shares,
    totals,
)
from clearway_platform.domain_errors import InvalidInput
from tests.support.samples.snapshots import car, snapshot


def test_a_declaration_counts_its_vehicles_with_their_power_and_condition() -> None:
    lodged = snapshot(
        items=[
            car(1, power=PowerType.BEV),
            car(2, power=PowerType.PHEV, condition=VehicleCondition.USED),
        ],
        destination="UZ",
        revision=3,
    )
    facts = facts_of(lodged)
    assert (facts.revision, facts.destination_country, facts.mode) == (3, "UZ", "local")
    assert facts.office == lodged.routing.declaring_office
    assert [(v.line, v.power, v.condition) for v in facts.vehicles] == [
        (1, "bev", "new"),
        (2, "phev", "used"),
    ]


def test_a_day_is_a_date_at_the_border_not_in_utc() -> None:
    # 17:30 UTC on the 2nd is 01:30 on the 3rd in Horgos, Chongqing and Qingdao alike.
    assert customs_day(datetime(2026, 3, 2, 17, 30, tzinfo=UTC)) == date(2026, 3, 3)
    lodged = snapshot(accepted_at=datetime(2026, 3, 2, 15, 59, tzinfo=UTC))
    assert facts_of(lodged).day == date(2026, 3, 2)


def test_the_new_three_share_is_the_part_of_electric_and_hybrid_vehicles() -> None:
    assert new_three_share({"petrol": 5, "diesel": 1, "bev": 3, "phev": 1}) == 0.4
    assert new_three_share({"petrol": 2}) == 0.0
    assert new_three_share({}) is None


def test_shares_add_up_to_one_largest_first() -> None:
    found = shares({"yellow": 1, "green": 6, "red": 1})
    assert [(s.key, s.count) for s in found] == [("green", 6), ("red", 1), ("yellow", 1)]
    assert sum(s.share for s in found) == pytest.approx(1.0)
    assert shares({}) == []


def test_totals_sum_vehicles_per_key_over_the_days() -> None:
    counts = [
        Count(date(2026, 3, 2), "bev", 2, 5),
        Count(date(2026, 3, 3), "bev", 1, 1),
        Count(date(2026, 3, 3), "petrol", 1, 4),
    ]
    assert totals(counts) == {"bev": 6, "petrol": 4}


def test_a_period_is_whole_days_at_most_a_year() -> None:
    assert Period(date(2026, 3, 1), date(2026, 3, 1)).days == 1
    assert Period.ending(date(2026, 3, 30)).first == date(2026, 3, 1)
    with pytest.raises(InvalidInput) as backwards:
        Period(date(2026, 3, 2), date(2026, 3, 1))
    assert [(v.field, v.reason) for v in backwards.value.violations] == [
        ("to", "must not be before from")
    ]
    with pytest.raises(InvalidInput, match="at most 366 days"):
        Period(date(2025, 1, 1), date(2026, 3, 1))
    with pytest.raises(InvalidInput, match="before the first day"):
        Period.ending(date(1, 1, 3))


def test_the_show_rate_is_arrivals_of_the_slots_held() -> None:
    use = SlotUse(date(2026, 3, 2), "HRG-1", booked=3, arrived=2, missed=1, cancelled=4)
    assert use.show_rate == 0.5
    assert SlotUse(date(2026, 3, 2), "HRG-1", 0, 0, 0, 2).show_rate is None


def test_a_declaration_without_vehicles_has_none_to_count() -> None:
    facts = facts_of(snapshot(items=[car(1).model_copy(update={"vehicle": None})]))
    assert facts.vehicles == ()
