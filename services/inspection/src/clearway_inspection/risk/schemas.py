"""Request and response bodies of the rule-set administration API."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel

from clearway_contracts.events.common import Lane, Reason
from clearway_inspection.risk.models import RuleSet


class PublishedRuleSet(BaseModel):
    version: int
    ruleset: RuleSet


class DecisionOut(BaseModel):
    declaration_id: UUID
    revision: int
    lane: Lane
    reasons: list[Reason]
    ruleset_version: int
    decided_at: datetime
