"""Request and response bodies of the documentary-check API."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel

from clearway_inspection.checks.models import CheckStatus
from clearway_shared.events.common import Outcome, Reason


class DocumentCheckOut(BaseModel):
    id: UUID
    declaration_id: UUID
    customs_number: str
    declarant: str
    office: str
    status: CheckStatus
    created_at: datetime


class Decision(BaseModel):
    outcome: Outcome
    reasons: list[Reason] = []
