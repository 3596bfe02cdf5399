"""The feed's response body: CloudEvents 1.0 JSON and the cursor to read on from."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from clearway_gateway.feed.models import Page


class CloudEventView(BaseModel):
    """One event, as CloudEvents 1.0 JSON; ``id`` is unique: dedupe by it."""

    specversion: Literal["1.0"] = "1.0"
    id: str
    type: str = Field(examples=["clearway.declaration.status_changed.v1"])
    source: str = Field(examples=["/clearway/declaration"])
    subject: str = Field(description="the declaration's id")
    time: datetime
    datacontenttype: Literal["application/json"] = "application/json"
    data: dict[str, Any]


EXAMPLE: JsonDict = {
    "events": [
        {
            "specversion": "1.0",
            "id": "0b6c1f7e-2d4a-4a8e-9f1e-5d6b7c8d9e0f",
            "type": "clearway.declaration.status_changed.v1",
            "source": "/clearway/declaration",
            "subject": "3f2b8c1a-6d5e-4f7a-9b8c-1d2e3f4a5b6c",
            "time": "2026-03-02T08:00:05Z",
            "datacontenttype": "application/json",
            "data": {
                "declaration_id": "3f2b8c1a-6d5e-4f7a-9b8c-1d2e3f4a5b6c",
                "customs_number": "80212026000000042",
                "revision": 1,
                "previous_status": "accepted",
                "status": "released",
                "cause": "clearway.release.released.v1",
                "changed_at": "2026-03-02T08:00:05Z",
            },
        }
    ],
    "next_cursor": "1042",
}


class EventPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    events: list[CloudEventView] = Field(description="in feed order, oldest first")
    next_cursor: str = Field(
        description="send as `after` to read on; the same cursor when nothing was new"
    )

    @classmethod
    def of(cls, page: Page) -> "EventPage":
        return cls(
            events=[CloudEventView.model_validate(e.cloud_event()) for e in page.events],
            next_cursor=str(page.after),
        )
