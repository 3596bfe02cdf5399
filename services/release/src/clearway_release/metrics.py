"""The release service's business metrics.

* ``clearway_transits_overdue``: transits past their deadline that have not arrived at their
  office of destination. The overdue watch counts them in the database on each round, so the
  gauge is right after a restart and whichever worker replica is scraped.
"""

from prometheus_client import Gauge

TRANSITS_OVERDUE = Gauge(
    "clearway_transits_overdue",
    "Transits past their deadline and not arrived at their office of destination",
)
