"""Request and response bodies of the documentary-check API."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from clearway_contracts.events.common import Outcome, Reason
from clearway_contracts.input_policy import RequestModel
from clearway_inspection.checks.models import CheckStatus
from clearway_platform.web.fields import Revision


class DocumentCheckOut(BaseModel):
    id: UUID
    declaration_id: UUID
    customs_number: str
    declarant: str
    office: str
    status: CheckStatus
    created_at: datetime
    revision: int = Field(
        description="open: the declaration revision to decide for; decided: the one decided"
    )


class DocumentCheckDecision(RequestModel):
    revision: Revision
    outcome: Outcome
    reasons: list[Reason] = []
