"""Base class for event payloads: one typed model per event type and version."""

from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict


class EventPayload(BaseModel):
    """The data of one event. Subclasses set ``event_type`` (``clearway.<service>.<name>.v<N>``)
    and ``topic``; the registry maps the type back to the class.

    Consumers ignore fields they do not know (``extra="ignore"``), so an additive change keeps
    the version; a breaking change is a new class with a new version, published beside the old.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    event_type: ClassVar[str]
    topic: ClassVar[str]
    summary: ClassVar[str] = ""

    declaration_id: UUID

    def partition_key(self) -> str:
        """Kafka key: the declaration id, so one declaration's events stay in order."""
        return str(self.declaration_id)
