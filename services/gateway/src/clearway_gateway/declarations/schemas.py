"""The public declaration bodies: what a forwarder's ERP sends and gets back.

The declaration service validates every field of the content; the gateway reads what it
needs to plan the route (mode, offices, transport, transit) and documents the rest.
"""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from clearway_contracts.events.common import (
    ClearanceMode,
    Declarant,
    Item,
    Party,
    RoutingPlan,
    TransitTerms,
    Transport,
)
from clearway_gateway.declarations import examples
from clearway_gateway.forwarding.schemas import example
from clearway_gateway.routing.models import RouteRequest

OfficeCode = Field(pattern=r"^\d{4}$", description="customs office code", examples=["8021"])


class LodgeDeclaration(BaseModel):
    # Unknown top-level fields go on to the declaration service, which names them.
    model_config = ConfigDict(extra="allow")

    mode: ClearanceMode = Field(description="local, integrated or direct_transfer")
    declaring_office: str = OfficeCode
    exit_office: str | None = Field(
        None,
        pattern=r"^\d{4}$",
        description="the port the goods leave by (integrated, direct transfer)",
    )
    departure_office: str | None = Field(
        None,
        pattern=r"^\d{4}$",
        description="direct transfer: the inland office goods leave under seal",
    )
    declarant: Declarant = Field(description="must be the API key's declarant")
    exporter: Party
    consignee: Party
    destination_country: str = Field(description="ISO 3166-1 alpha-2")
    transport: Transport
    transit: TransitTerms | None = Field(None, description="direct transfer only")
    items: list[Item] = Field(min_length=1)
    totals: dict[str, Any] = Field(description="item_count, and value per currency")

    def route_request(self) -> RouteRequest:
        return RouteRequest(
            mode=self.mode,
            declaring_office=self.declaring_office,
            exit_office=self.exit_office,
            departure_office=self.departure_office,
            transport=self.transport.mode,
            transit=self.transit,
        )


_GATEWAY_FIELDS = {"mode", "declaring_office", "exit_office", "departure_office"}


class OfficeHours(BaseModel):
    office: str
    open_now: bool
    next_opening: datetime | None = Field(None, description="set when the office is closed now")
    waiting_for_opening: bool = Field(description="the office takes the declaration up then")


class LodgedDeclaration(BaseModel):
    """The declaration as lodged, with the declaring office's hours."""

    model_config = ConfigDict(extra="allow", **example(examples.LODGED))

    id: str
    customs_number: str
    status: str
    routing: RoutingPlan
    declaring_office_hours: OfficeHours


LODGE_EXAMPLE = {
    "mode": "local",
    "declaring_office": "8021",
    "declarant": {
        "customs_code": "6501234567",
        "name": "Silk Road Auto Export Co.",
        "aeo_level": "advanced_certified",
    },
    "exporter": {"name": "Silk Road Auto Export Co.", "country": "CN"},
    "consignee": {"name": "Almaty Motors LLP", "country": "KZ"},
    "destination_country": "KZ",
    "transport": {"mode": "road_self_drive", "means_id": "新F·A1234"},
    "items": [
        {
            "line": 1,
            "hs_code": "8703800090",
            "description": "BYD Atto 3 battery electric passenger car",
            "quantity": "1",
            "unit": "PCE",
            "value": "18500.00",
            "currency": "USD",
            "origin_country": "CN",
            "vehicle": {
                "vin": "LGXCE6CB1P0000018",
                "make": "BYD",
                "model": "Atto 3",
                "power": "bev",
                "condition": "new",
            },
        }
    ],
    "totals": {"item_count": 1, "value": {"USD": "18500.00"}},
}


class Amendment(BaseModel):
    """The whole new content, and why it changed."""

    model_config = ConfigDict(extra="allow")

    reason: str = Field(min_length=1, max_length=1000)
    declarant: Declarant
    exporter: Party
    consignee: Party
    destination_country: str
    transport: Transport
    transit: TransitTerms | None = None
    items: list[Item] = Field(min_length=1)
    totals: dict[str, Any]


class Cancellation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=1000)


class Declaration(BaseModel):
    """A declaration as the declaration service shows it (the main fields)."""

    model_config = ConfigDict(extra="allow", **example(examples.DECLARATION))

    id: str
    customs_number: str
    revision: int
    status: str
    declarant: Declarant
    routing: RoutingPlan
    transport: Transport
    items: list[Item]
    accepted_at: datetime
    updated_at: datetime
    progress: dict[str, Any]
    timeline: list[dict[str, Any]]


class DeclarationSummary(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    customs_number: str
    declarant: str
    status: str
    mode: ClearanceMode
    offices: list[str]
    accepted_at: datetime


class DeclarationPage(BaseModel):
    model_config = example(examples.PAGE)

    items: list[DeclarationSummary]
    next_cursor: str | None = None


AMENDMENT_EXAMPLE = {
    "reason": "corrected the declared value after the final invoice",
    **{key: value for key, value in LODGE_EXAMPLE.items() if key not in _GATEWAY_FIELDS},
}
CANCELLATION_EXAMPLE = {"reason": "the buyer withdrew the order"}
