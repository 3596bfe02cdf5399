"""A rule set with predictable lanes: no random selection; used cars red, batteries yellow.

End-to-end tests and the system benchmark publish it through the admin API, so that a new
car is always green."""

DETERMINISTIC_RULESET = {
    "description": "end-to-end tests: deterministic lanes",
    "rules": [
        {
            "code": "USED-VEHICLE",
            "text": "used vehicle: physical check of VIN, odometer and deregistration",
            "lane": "red",
            "when": {"hs_prefixes": ["8703", "8704"], "condition": "used"},
        },
        {
            "code": "DG-LITHIUM-BATTERY",
            "text": "lithium batteries are dangerous goods: check the UN 38.3 report",
            "lane": "yellow",
            "when": {"hs_prefixes": ["850760"]},
        },
    ],
    "random_selection": {
        "lane": "red",
        "rates": {"advanced_certified": "0", "registered": "0", "dishonest": "0"},
        "enterprise_rates": {},
    },
}
