"""Worked examples of the release API: a car-carrier train from Chongqing, under seal to
Horgos, where it arrives, is held over a broken seal, released, and exits."""

DECLARATION_ID = "7c1d9e3a-5b2f-4a8c-9e6d-0f1a3b5c7d92"
VINS = ["LGXCE6CB5P0000018", "LGXCE6CB7P0000019"]

EXIT_REQUEST = {"revision": 1, "vins": VINS}
EXIT = {
    "declaration_id": DECLARATION_ID,
    "status": "exited",
    "complete": True,
    "exited_now": VINS,
    "exited": VINS,
    "remaining": [],
}
TRANSIT_ARRIVAL = {
    "revision": 1,
    "seals_intact": False,
    "remarks": "seal CQ-000124 broken on wagon 3",
}
HOLD_DECISION = {
    "revision": 1,
    "decision": "release",
    "remarks": "the seal broke in shunting; the wagon's vehicles match the declaration",
}
HOLD = {
    "decision": HOLD_DECISION["decision"],
    "remarks": HOLD_DECISION["remarks"],
    "decided_by": "officer-hrg",
    "decided_at": "2026-03-05T10:20:00Z",
}
TRANSIT = {
    "declaration_id": DECLARATION_ID,
    "customs_number": "860120260000000007",
    "departure_office": "8601",
    "exit_office": "8021",
    "seals": ["CQ-000123", "CQ-000124"],
    "carrier": "China Railway Container Transport",
    "means_id": "X8017",
    "route": "Chongqing Tuanjiecun - Horgos",
    "released_at": "2026-03-02T08:00:00Z",
    "deadline": "2026-03-06T08:00:00Z",
    "overdue": False,
    "overdue_at": None,
    "arrived_at": "2026-03-05T09:40:00Z",
    "seals_intact": False,
    "remarks": "seal CQ-000124 broken on wagon 3",
    "hold": HOLD,
}
TRANSIT_STATE = {"status": "arrived_at_exit", "transit": TRANSIT}
TRANSIT_PAGE = {"items": [TRANSIT], "next_cursor": None}
RELEASE = {
    "declaration_id": DECLARATION_ID,
    "customs_number": "860120260000000042",
    "status": "released_for_transit",
    "decision": {
        "revision": 1,
        "in_force": True,
        "released": True,
        "release_number": "R860120260000000042",
        "office": "8601",
        "decided_at": "2026-03-02T08:00:00Z",
        "reasons": [],
    },
    "transit": {**TRANSIT, "arrived_at": None, "seals_intact": None, "remarks": None, "hold": None},
    "vehicles": VINS,
    "exited_vehicles": [],
}
