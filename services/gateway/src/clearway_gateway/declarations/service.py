"""Lodging through the gateway: plan the route, and tell when the declaring office opens."""

from collections.abc import Mapping
from datetime import datetime

from clearway_contracts.events.common import RoutingPlan
from clearway_gateway.offices.models import Office, OpeningStatus
from clearway_gateway.routing.models import RouteRequest, plan_route
from clearway_platform.domain_errors import InvalidInput


def routing_for(
    *, request: RouteRequest, declarant: str, tenant: str, offices: Mapping[str, Office]
) -> RoutingPlan:
    """The routing plan, or RouteRefused naming every field at fault."""
    if declarant != tenant:
        raise InvalidInput.at(
            "declarant.customs_code", f"you declare as {tenant}, your API key's declarant"
        )
    return plan_route(request, offices)


def declaring_office_hours(
    *, plan: RoutingPlan, offices: Mapping[str, Office], at: datetime
) -> dict[str, object]:
    status = OpeningStatus.of(offices[plan.declaring_office], at=at)
    return {
        "office": status.office,
        "open_now": status.open_now,
        "next_opening": status.next_opening.isoformat() if status.next_opening else None,
        "waiting_for_opening": not status.open_now,
    }
