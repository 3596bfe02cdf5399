"""A declaration as the domain sees it: what was declared, and the numbers it carries.

The content's value types (declarant, parties, transport, transit terms, items) are the
contract's (``clearway_contracts.events.common``): the accepted content is what the events
publish, and rebuilding a 250-vehicle train in types of our own cost 8 ms of CPU per lodging
(measured). The public request shape is the gateway's own, the accepted input is this service's
``schemas``, and what customs derives from the content (an item's dangerous-goods flag) is set
here, by ``rules.accept``, never taken from the declarant.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from clearway_contracts.declaration_form import ExportForm
from clearway_contracts.events.common import (
    Declarant,
    Frozen,
    Item,
    Party,
    RoutingPlan,
    TransitTerms,
    Transport,
)
from clearway_declaration.lifecycle.models import Status
from clearway_platform.domain_errors import Conflict, InvalidInput, Violation

# China Customs numbers its declarations by the calendar year in Beijing time.
CUSTOMS_TIME_ZONE = ZoneInfo("Asia/Shanghai")
EXPORT_FLAG = "0"
SEQUENCE_DIGITS = 9


class Totals(Frozen):
    item_count: int
    value: dict[str, Decimal]  # currency -> declared total of the items in that currency


class DeclarationContent(Frozen):
    """What the declarant declares; an amendment replaces it as a whole."""

    declarant: Declarant
    exporter: Party
    consignee: Party
    destination_country: str
    transport: Transport
    transit: TransitTerms | None = None
    items: list[Item]
    totals: Totals
    consignment_reference: str | None = None  # the forwarder's, for a whole train or convoy
    form: ExportForm | None = None  # the export form's header (the full form)

    @property
    def uses_full_form(self) -> bool:
        """Lodged on the export form: its fields are checked against the code lists, and
        vehicles need their full papers (docs/adr/0027)."""
        return self.form is not None or any(item.form is not None for item in self.items)

    @property
    def vins(self) -> list[str]:
        return [item.vehicle.vin for item in self.items if item.vehicle]

    def risk_view(self) -> dict[str, Any]:
        """The parts risk rules may look at (rule conditions name them): changing any of them
        sends the declaration to risk again."""
        return self.model_dump(
            mode="json",
            include={
                "declarant": True,
                "destination_country": True,
                "items": True,
                "consignee": True,
                "exporter": True,
                "transport": {"mode"},
                "form": True,
            },
        )


class Declaration(Frozen):
    id: UUID
    customs_number: str
    revision: int
    status: Status
    routing: RoutingPlan
    content: DeclarationContent
    accepted_at: datetime
    updated_at: datetime
    progress: dict[str, Any] = {}  # what inspection and release reported: lane, release, exit...

    def snapshot(self) -> dict[str, Any]:
        """The fields of a DeclarationSnapshot, for the events other services build on."""
        content = self.content
        return {
            "declaration_id": self.id,
            "customs_number": self.customs_number,
            "revision": self.revision,
            "declarant": content.declarant,
            "exporter": content.exporter,
            "consignee": content.consignee,
            "destination_country": content.destination_country,
            "routing": self.routing,
            "transport": content.transport,
            "transit": content.transit,
            "items": content.items,
            "form": content.form,
            "accepted_at": self.accepted_at,
        }


def customs_number(*, office: str, accepted_at: datetime, sequence: int) -> str:
    """18 digits: declaring office (4), year (4), export flag (1), sequence (9)."""
    if not 0 < sequence < 10**SEQUENCE_DIGITS:
        raise ValueError(f"sequence {sequence} does not fit {SEQUENCE_DIGITS} digits")
    return f"{customs_number_prefix(office, accepted_at)}{sequence:0{SEQUENCE_DIGITS}d}"


def customs_number_prefix(office: str, accepted_at: datetime) -> str:
    """The first 9 digits: the sequence (at most 9 digits, the database's maxvalue) follows."""
    year = accepted_at.astimezone(CUSTOMS_TIME_ZONE).year
    return f"{office}{year}{EXPORT_FLAG}"


@dataclass(frozen=True)
class DeclarationSummary:
    """A declaration as a list shows it."""

    id: UUID
    customs_number: str
    declarant: str
    status: Status
    mode: str
    offices: list[str]
    destination_country: str
    item_count: int
    lane: str | None
    means_id: str
    consignment_reference: str | None
    accepted_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class DeclarationFilters:
    declarant: str | None = None
    status: Status | None = None
    mode: str | None = None
    office: str | None = None
    vin: str | None = None
    means_id: str | None = None
    consignment_reference: str | None = None
    accepted_from: datetime | None = None
    accepted_before: datetime | None = None


class InvalidDeclaration(InvalidInput):
    """The declaration breaks the rules the violations name; nothing is stored."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        super().__init__("the declaration breaks the rules below; nothing was stored", violations)


class VehicleAlreadyDeclared(Conflict):
    """A VIN is on another live declaration. Says only that it is taken, never by whom: it
    may be another tenant's."""

    def __init__(self, fields: Sequence[str]) -> None:
        super().__init__(
            "a vehicle is on another live declaration; nothing was stored",
            [Violation(field, "is on another live declaration") for field in fields],
        )
