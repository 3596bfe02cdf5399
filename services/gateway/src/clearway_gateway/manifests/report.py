"""What a manifest import answers: the report of its declarations (the API body, and what
the CLI prints and saves)."""

from pydantic import BaseModel, Field

from clearway_contracts.events.common import DeclarationStatus
from clearway_gateway.declarations.schemas import OfficeHours, Routing
from clearway_gateway.forwarding.schemas import ResponseBody, example

PART_EXAMPLE = {
    "part": 1,
    "first_row": 1,
    "last_row": 256,
    "item_count": 256,
    "id": "0b9a3f1e-3f43-4c1b-9a57-2d7f0f6b7a11",
    "customs_number": "802120260000000001",
    "status": "accepted",
    "replayed": False,
    "routing": {
        "mode": "integrated",
        "declaring_office": "8001",
        "inspection_office": "8001",
        "release_office": "8001",
        "exit_office": "8021",
        "departure_office": None,
    },
}


class ManifestPart(ResponseBody):
    """One declaration of the manifest: its rows, and what lodging it answered."""

    part: int = Field(description="from 1, in row order")
    first_row: int
    last_row: int
    item_count: int
    routing: Routing
    id: str | None = Field(None, description="null on a dry run")
    customs_number: str | None = Field(None, description="null on a dry run")
    status: DeclarationStatus | None = Field(None, description="null on a dry run")
    replayed: bool = Field(False, description="answered from an earlier request with this key")


class ManifestImport(BaseModel):
    model_config = example(
        {
            "dry_run": False,
            "rows": 256,
            "consignment_reference": "JSQ-2026-0412",
            "replayed": False,
            "declarations": [PART_EXAMPLE],
            "declaring_office_hours": {
                "office": "8001",
                "open_now": True,
                "next_opening": None,
                "waiting_for_opening": False,
            },
        }
    )

    dry_run: bool
    rows: int = Field(description="vehicles in the manifest")
    consignment_reference: str | None = None
    replayed: bool = Field(description="every declaration was lodged by an earlier request")
    declarations: list[ManifestPart]
    declaring_office_hours: OfficeHours | None = Field(None, description="null on a dry run")
