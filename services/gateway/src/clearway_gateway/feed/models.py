"""A feed entry: one CloudEvent a declarant may read, at its position in the feed."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

# A long-poll never holds a request longer than this: proxies and load balancers in front of
# integrators commonly cut idle responses at 60 s.
MAX_WAIT_SECONDS = 30


@dataclass(frozen=True)
class FeedEvent:
    position: int
    id: str
    type: str
    source: str
    subject: str
    time: datetime
    data: dict[str, Any]

    def cloud_event(self) -> dict[str, Any]:
        """The event in the CloudEvents 1.0 JSON format (structured mode)."""
        return {
            "specversion": "1.0",
            "id": self.id,
            "type": self.type,
            "source": self.source,
            "subject": self.subject,
            "time": self.time,
            "datacontenttype": "application/json",
            "data": self.data,
        }


@dataclass(frozen=True)
class Page:
    events: list[FeedEvent]
    after: int  # where the next read starts: the last position here, or the one asked for

    @classmethod
    def of(cls, events: list[FeedEvent], after: int) -> "Page":
        return cls(events, events[-1].position if events else after)
