"""Office calendars: open now, and when next, in the office's own time zone."""

from datetime import UTC, datetime, time

import pytest

from clearway_gateway.offices.models import Calendar, Weekday
from clearway_gateway.offices.reference import DEMO_OFFICES

OFFICES = {office.code: office for office in DEMO_OFFICES}


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_a_24_hour_office_is_always_open() -> None:
    horgos = OFFICES["8021"].calendar
    for hour in range(24):
        assert horgos.is_open(utc(2026, 5, 3, hour))
    assert horgos.next_opening(utc(2026, 5, 3, 3)) is None


def test_urumqi_hours_are_kept_in_urumqi_time() -> None:
    urumqi = OFFICES["8001"].calendar  # Mon-Fri 10:00-19:00, UTC+6
    assert urumqi.is_open(utc(2026, 5, 4, 4))  # Monday 10:00 in Urumqi
    assert not urumqi.is_open(utc(2026, 5, 4, 3, 59))
    assert not urumqi.is_open(utc(2026, 5, 4, 13))  # 19:00: closed, the end is exclusive


def test_friday_evening_at_urumqi_waits_for_monday_morning() -> None:
    urumqi = OFFICES["8001"].calendar
    friday_evening = utc(2026, 5, 8, 14)  # 20:00 in Urumqi
    assert urumqi.next_opening(friday_evening) == utc(2026, 5, 11, 4)  # Mon 10:00 Urumqi


def test_chongqing_opens_on_saturday_but_not_sunday() -> None:
    chongqing = OFFICES["8601"].calendar  # Mon-Sat 08:30-17:30, UTC+8
    saturday_night = utc(2026, 5, 9, 12)  # 20:00 in Shanghai
    assert chongqing.next_opening(saturday_night) == utc(2026, 5, 11, 0, 30)
    assert chongqing.next_opening(utc(2026, 5, 8, 23)) == utc(2026, 5, 9, 0, 30)


def test_before_opening_the_same_day_opens_later_that_day() -> None:
    chongqing = OFFICES["8601"].calendar
    assert chongqing.next_opening(utc(2026, 5, 5, 0)) == utc(2026, 5, 5, 0, 30)


def test_next_opening_follows_daylight_saving_time() -> None:
    berlin = Calendar(
        "Europe/Berlin",
        days=frozenset(Weekday) - {Weekday.SAT, Weekday.SUN},
        opens=time(9),
        closes=time(18),
    )
    friday_before_the_change = utc(2026, 3, 27, 18)  # 19:00 CET
    # Clocks go forward on Sunday 29 March: Monday 09:00 is CEST, 07:00 UTC.
    assert berlin.next_opening(friday_before_the_change) == utc(2026, 3, 30, 7)
    assert berlin.is_open(utc(2026, 3, 30, 7))
    assert not berlin.is_open(utc(2026, 3, 27, 17, 30))  # 18:30 CET


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(Exception, match="Mars/Olympus"):
        Calendar("Mars/Olympus")


@pytest.mark.parametrize(("opens", "closes"), [(time(18), time(9)), (time(9), None)])
def test_hours_must_make_sense(opens: time, closes: time | None) -> None:
    with pytest.raises(ValueError):
        Calendar("Asia/Urumqi", opens=opens, closes=closes)
