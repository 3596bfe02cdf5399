"""Worked examples of what the declarations API answers: one BEV lodged at Horgos (local
clearance), green lane, released."""

from typing import Any

DECLARATION_ID = "0b9a3f1e-3f43-4c1b-9a57-2d7f0f6b7a11"
CUSTOMS_NUMBER = "802120260000000001"
ROUTING = {
    "mode": "local",
    "declaring_office": "8021",
    "inspection_office": "8021",
    "release_office": "8021",
    "exit_office": "8021",
    "departure_office": None,
}
DECLARANT = {
    "customs_code": "6501234567",
    "name": "Silk Road Auto Export Co.",
    "aeo_level": "advanced_certified",
}
ITEM = {
    "line": 1,
    "hs_code": "8703800090",
    "description": "BYD Atto 3 battery electric passenger car",
    "quantity": "1",
    "unit": "PCE",
    "value": "18500.00",
    "currency": "USD",
    "origin_country": "CN",
    "dangerous_goods": True,
    "vehicle": {
        "vin": "LGXCE6CB5P0000018",
        "make": "BYD",
        "model": "Atto 3",
        "power": "bev",
        "condition": "new",
    },
}

LODGED: dict[str, Any] = {
    "id": DECLARATION_ID,
    "customs_number": CUSTOMS_NUMBER,
    "status": "accepted",
    "routing": ROUTING,
    "declaring_office_hours": {
        "office": "8021",
        "open_now": True,
        "next_opening": None,
        "waiting_for_opening": False,
    },
}
DECLARATION: dict[str, Any] = {
    "id": DECLARATION_ID,
    "customs_number": CUSTOMS_NUMBER,
    "revision": 1,
    "status": "released",
    "declarant": DECLARANT,
    "exporter": {"name": "Silk Road Auto Export Co.", "country": "CN"},
    "consignee": {"name": "Almaty Motors LLP", "country": "KZ"},
    "destination_country": "KZ",
    "routing": ROUTING,
    "transport": {"mode": "road_self_drive", "means_id": "新F·A1234"},
    "transit": None,
    "items": [ITEM],
    "totals": {"item_count": 1, "value": {"USD": "18500.00"}},
    "accepted_at": "2026-03-01T09:15:00Z",
    "updated_at": "2026-03-01T09:15:03Z",
    "progress": {
        "lane": {
            "lane": "green",
            "reasons": [],
            "revision": 1,
            "ruleset_version": 1,
            "inspection_office": "8021",
            "assigned_at": "2026-03-01T09:15:01Z",
        },
        "release": {
            "release_number": "R802120260000000001",
            "office": "8021",
            "released_at": "2026-03-01T09:15:03Z",
        },
        "exits": [],
    },
    "timeline": [
        {
            "at": "2026-03-01T09:15:00Z",
            "kind": "accepted",
            "previous_status": None,
            "status": "accepted",
            "cause": "key:demo6501",
            "detail": None,
            "refused": False,
        },
        {
            "at": "2026-03-01T09:15:01Z",
            "kind": "lane_assigned",
            "previous_status": "accepted",
            "status": "accepted",
            "cause": "5d0c7b9e-lane-event",
            "detail": "green lane",
            "refused": False,
        },
        {
            "at": "2026-03-01T09:15:03Z",
            "kind": "released",
            "previous_status": "accepted",
            "status": "released",
            "cause": "9f6c1e2a-release-event",
            "detail": "release notice R802120260000000001",
            "refused": False,
        },
    ],
}
PAGE: dict[str, Any] = {
    "items": [
        {
            "id": DECLARATION_ID,
            "customs_number": CUSTOMS_NUMBER,
            "declarant": "6501234567",
            "status": "released",
            "mode": "local",
            "offices": ["8021"],
            "destination_country": "KZ",
            "item_count": 1,
            "lane": "green",
            "means_id": "新F·A1234",
            "accepted_at": "2026-03-01T09:15:00Z",
            "updated_at": "2026-03-01T09:15:03Z",
        }
    ],
    "next_cursor": None,
}
