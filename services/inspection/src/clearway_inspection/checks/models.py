"""A documentary check (yellow lane): a task for the officers of the inspection office."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class CheckStatus(StrEnum):
    OPEN = "open"
    PASSED = "passed"
    FAILED = "failed"
    CLOSED = "closed"  # the declaration was cancelled or went to another lane


@dataclass(frozen=True)
class DocumentCheck:
    id: UUID
    declaration_id: UUID
    customs_number: str
    declarant: str
    office: str
    status: CheckStatus
    created_at: datetime
    revision: int  # decided: the revision decided; open: the declaration's current revision
