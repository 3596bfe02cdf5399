from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from clearway_contracts.events.common import AeoLevel
from clearway_inspection.sites.models import Calendar, OpeningHours, Site, bookable, lead_time

EVERY_DAY = frozenset(range(7))


def site(zone: str, hours: OpeningHours | None, minutes: int = 60) -> Site:
    return Site(
        id="S-1",
        office="8031",
        name="site",
        calendar=Calendar(ZoneInfo(zone), hours),
        slot_length=timedelta(minutes=minutes),
        capacity=4,
    )


NINE_TO_SIX = OpeningHours(EVERY_DAY, time(9), time(18))
URUMQI = site("Asia/Urumqi", NINE_TO_SIX)
SHANGHAI = site("Asia/Shanghai", NINE_TO_SIX)
BERLIN = site("Europe/Berlin", NINE_TO_SIX)


def within(s: Site, day: date) -> list[datetime]:
    return [slot.start for slot in s.slots_on(day) if slot.within_hours]


def test_the_same_office_hours_are_two_hours_apart_in_urumqi_and_shanghai() -> None:
    day = date(2026, 3, 2)

    assert within(URUMQI, day)[0] == datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # UTC+6
    assert within(SHANGHAI, day)[0] == datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # UTC+8
    assert len(within(URUMQI, day)) == len(within(SHANGHAI, day)) == 9


def test_slots_tile_the_whole_local_day_and_only_open_hours_are_within_hours() -> None:
    slots = URUMQI.slots_on(date(2026, 3, 2))

    assert len(slots) == 24
    assert slots[0].start == datetime(2026, 3, 1, 18, 0, tzinfo=UTC)  # local midnight
    assert [s.within_hours for s in slots].count(True) == 9


def test_slots_are_anchored_at_the_opening_time() -> None:
    chongqing = site("Asia/Shanghai", OpeningHours(frozenset(range(6)), time(8, 30), time(17, 30)))

    first = within(chongqing, date(2026, 3, 2))[0]

    assert first.astimezone(ZoneInfo("Asia/Shanghai")).time() == time(8, 30)
    assert within(chongqing, date(2026, 3, 8)) == []  # a Sunday: no slot within hours


def test_daylight_saving_days_in_berlin_have_23_and_25_hourly_slots() -> None:
    assert len(BERLIN.slots_on(date(2026, 3, 29))) == 23
    assert len(BERLIN.slots_on(date(2026, 10, 25))) == 25
    # Office hours stay 09:00-18:00 local on either side of the change.
    for day in (date(2026, 3, 28), date(2026, 3, 30)):
        local = within(BERLIN, day)[0].astimezone(ZoneInfo("Europe/Berlin"))
        assert local.time() == time(9)
    assert within(BERLIN, date(2026, 3, 28))[0].hour == 8  # CET, UTC+1
    assert within(BERLIN, date(2026, 3, 30))[0].hour == 7  # CEST, UTC+2


def test_a_24_hour_site_is_always_within_hours_and_takes_arrivals() -> None:
    horgos = site("Asia/Urumqi", None, minutes=30)

    slots = horgos.slots_on(date(2026, 3, 2))

    assert len(slots) == 48 and all(s.within_hours for s in slots)
    assert horgos.inspection_on_arrival and not URUMQI.inspection_on_arrival


def test_only_exact_slot_starts_are_slots() -> None:
    start = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)

    assert URUMQI.slot_starting(start) is not None
    assert URUMQI.slot_starting(start + timedelta(minutes=15)) is None


def test_out_of_hours_slots_need_24_hours_notice_or_8_for_advanced_certified() -> None:
    evening = URUMQI.slot_starting(datetime(2026, 3, 2, 14, 0, tzinfo=UTC))  # 20:00 local
    assert evening is not None and not evening.within_hours
    ten_hours_before = evening.start - timedelta(hours=10)

    assert lead_time(evening, AeoLevel.REGISTERED) == timedelta(hours=24)
    assert not bookable(evening, aeo_level=AeoLevel.REGISTERED, now=ten_hours_before)
    assert bookable(evening, aeo_level=AeoLevel.ADVANCED_CERTIFIED, now=ten_hours_before)
    assert not bookable(
        evening, aeo_level=AeoLevel.ADVANCED_CERTIFIED, now=evening.start - timedelta(hours=7)
    )


def test_slots_within_hours_are_bookable_until_they_start() -> None:
    morning = URUMQI.slot_starting(datetime(2026, 3, 2, 3, 0, tzinfo=UTC))
    assert morning is not None and morning.within_hours

    assert bookable(morning, aeo_level=AeoLevel.REGISTERED, now=morning.start - timedelta(1))
    assert not bookable(morning, aeo_level=AeoLevel.REGISTERED, now=morning.start)
