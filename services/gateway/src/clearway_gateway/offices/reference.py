"""The demo customs offices of docs/reference-data.md, loaded by ``seed``."""

from datetime import time

from clearway_gateway.offices.models import Calendar, Carriage, Office, OfficeKind, Weekday

_URUMQI = "Asia/Urumqi"
_SHANGHAI = "Asia/Shanghai"
_MON_TO_FRI = frozenset({Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI})

DEMO_OFFICES = (
    Office(
        code="8021",
        name="Horgos Port Customs",
        kind=OfficeKind.PORT,
        carriages=frozenset({Carriage.ROAD, Carriage.RAIL}),
        calendar=Calendar(_URUMQI),
    ),
    Office(
        code="8031",
        name="Alashankou Port Customs",
        kind=OfficeKind.PORT,
        carriages=frozenset({Carriage.RAIL, Carriage.ROAD}),
        calendar=Calendar(_URUMQI, opens=time(9), closes=time(18)),
    ),
    Office(
        code="8001",
        name="Urumqi Customs (International Land Port Area)",
        kind=OfficeKind.INLAND,
        carriages=frozenset({Carriage.RAIL, Carriage.ROAD, Carriage.AIR}),
        calendar=Calendar(_URUMQI, days=_MON_TO_FRI, opens=time(10), closes=time(19)),
    ),
    Office(
        code="8601",
        name="Chongqing Customs, Tuanjiecun Rail Station",
        kind=OfficeKind.INLAND,
        carriages=frozenset({Carriage.RAIL}),
        calendar=Calendar(
            _SHANGHAI, days=_MON_TO_FRI | {Weekday.SAT}, opens=time(8, 30), closes=time(17, 30)
        ),
    ),
    Office(
        code="4258",
        name="Qingdao SCO Multimodal Hub Customs",
        kind=OfficeKind.PORT,
        carriages=frozenset({Carriage.SEA, Carriage.RAIL, Carriage.ROAD}),
        calendar=Calendar(_SHANGHAI),
    ),
)
