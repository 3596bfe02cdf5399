"""Worked examples of the inspection API: one red-lane car at Horgos, from booking to outcome."""

DECLARATION_ID = "0b9a3f1e-3f43-4c1b-9a57-2d7f0f6b7a11"
APPOINTMENT_ID = "5d2e8c7a-1f3b-4e6d-9a0c-7b8e2f4d6a13"
INSPECTION_ID = "9e4c2a18-6b7d-4f3e-8a1c-2d5e7f9b0c34"
CHECK_ID = "3a7f1c5e-9b2d-4e8a-b6c4-1d3f5a7e9c20"
VIN = "LGXCE6CB5P0000018"

SITE = {
    "id": "HRG-1",
    "office": "8021",
    "name": "Horgos road port inspection yard",
    "time_zone": "Asia/Urumqi",
    "hours": None,
    "slot_minutes": 30,
    "capacity": 4,
    "inspection_on_arrival": True,
}
AVAILABILITY = {
    "site_id": "HRG-1",
    "time_zone": "Asia/Urumqi",
    "slots": [
        {
            "start": "2026-03-02T04:00:00Z",
            "end": "2026-03-02T04:30:00Z",
            "local_start": "2026-03-02T10:00:00+06:00",
            "within_hours": True,
            "free": 3,
            "bookable": True,
        }
    ],
}
BOOKING = {"site_id": "HRG-1", "slot_start": "2026-03-02T04:00:00Z"}
RESCHEDULE = {"slot_start": "2026-03-02T06:00:00Z"}
APPOINTMENT = {
    "id": APPOINTMENT_ID,
    "declaration_id": DECLARATION_ID,
    "site_id": "HRG-1",
    "slot_start": "2026-03-02T04:00:00Z",
    "slot_end": "2026-03-02T04:30:00Z",
    "status": "booked",
}
ARRIVAL = {"reference": "802120260000000001"}
INSPECTION = {
    "id": INSPECTION_ID,
    "declaration_id": DECLARATION_ID,
    "customs_number": "802120260000000001",
    "site_id": "HRG-1",
    "appointment_id": APPOINTMENT_ID,
    "slot_start": "2026-03-02T04:00:00Z",
    "arrived_at": "2026-03-02T03:52:10Z",
    "checked_in_by": "gate-hrg-1",
    "status": "waiting",
    "claimed_by": "inspector-hrg",
    "claim_expires_at": "2026-03-02T04:52:10Z",
    "revision": None,
}
FINDING_IN = {
    "vin_seen": VIN,
    "odometer_km": 12,
    "condition": "new, no damage",
    "seals": [],
    "seals_intact": None,
    "damaged": False,
    "photos": ["photo://hrg-1/2026-03-02/0001.jpg"],
    "remarks": "battery documents on board",
}
FINDING = {
    **FINDING_IN,
    "vin": VIN,
    "vin_matches": True,
    "recorded_by": "inspector-hrg",
    "recorded_at": "2026-03-02T04:10:00Z",
}
VEHICLE = {
    "vin": VIN,
    "make": "BYD",
    "model": "Atto 3",
    "power": "bev",
    "condition": "new",
}
INSPECTION_DETAIL = {
    "inspection": INSPECTION,
    "revision": 1,
    "vehicles": [VEHICLE],
    "findings": [FINDING],
    "vehicles_inspected": 1,
}
OUTCOME_PASSED = {
    "revision": 1,
    "outcome": "passed",
    "reasons": [],
    "accepted_discrepancies": [
        {
            "vin": VIN,
            "kind": "seal_broken",
            "reason": "the cabin seal tore in loading; vehicle and papers match",
        }
    ],
}
OUTCOME_FAILED = {
    "revision": 1,
    "outcome": "failed",
    "reasons": [{"code": "VIN-MISMATCH", "text": "the VIN seen differs from the declared one"}],
}
DOCUMENT_CHECK_DECISION = {
    "revision": 1,
    "outcome": "passed",
    "reasons": [],
}
DOCUMENT_CHECK = {
    "id": CHECK_ID,
    "declaration_id": DECLARATION_ID,
    "customs_number": "802120260000000001",
    "declarant": "6501234567",
    "office": "8021",
    "status": "open",
    "created_at": "2026-03-02T03:00:00Z",
    "revision": 1,
}
RULESET = {
    "description": "battery vehicles to documents, used vehicles to a physical check",
    "rules": [
        {
            "code": "DG-BATTERY-VEHICLE",
            "text": "battery-powered vehicles are dangerous goods (UN 3171)",
            "lane": "yellow",
            "when": {"power": ["bev", "phev", "fcev"]},
        },
        {
            "code": "USED-VEHICLE",
            "text": "used vehicle: physical check of VIN, odometer and deregistration",
            "lane": "red",
            "when": {"hs_prefixes": ["8703", "8704"], "condition": "used"},
        },
    ],
    "random_selection": {
        "rates": {"advanced_certified": "0.005", "registered": "0.03"},
        "lane": "red",
        "enterprise_rates": {},
    },
}
PUBLISHED_RULESET = {"version": 3, "ruleset": RULESET}
LANE_DECISION = {
    "declaration_id": DECLARATION_ID,
    "revision": 1,
    "lane": "red",
    "reasons": [{"code": "USED-VEHICLE", "text": "used vehicle: physical check"}],
    "ruleset_version": 3,
    "decided_at": "2026-03-01T09:15:02Z",
}
