"""CloudEvents 1.0 in Kafka binary mode: ``ce_*`` headers and a JSON body.

The cloudevents SDK does the header mapping; this module adds our conventions: the
declaration id is both the Kafka key (``partitionkey``) and the CloudEvents ``subject``, and
the W3C ``traceparent`` extension carries the request's correlation id across services.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from cloudevents.core.bindings import kafka
from cloudevents.core.v1.event import CloudEvent

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.registry import model_for


class DecodeError(ValueError):
    """A Kafka record that is not a valid Clearway CloudEvent: it can never be processed."""


@dataclass(frozen=True)
class Envelope:
    id: str
    type: str
    source: str
    subject: str
    time: datetime
    data: dict[str, Any]
    traceparent: str | None = None

    def payload(self) -> EventPayload:
        """The typed payload; raises UnknownEventType or pydantic.ValidationError."""
        return model_for(self.type).model_validate(self.data)


@dataclass(frozen=True)
class KafkaRecord:
    """What goes on the wire, ready for the outbox or a producer."""

    topic: str
    key: bytes
    headers: list[tuple[str, bytes]]
    value: bytes


def encode(
    payload: EventPayload,
    *,
    source: str,
    event_id: str | None = None,
    time: datetime | None = None,
    traceparent: str | None = None,
) -> tuple[Envelope, KafkaRecord]:
    key = payload.partition_key()
    attributes: dict[str, Any] = {
        "id": event_id or str(uuid4()),
        "type": payload.event_type,
        "source": source,
        "subject": key,
        "time": time or datetime.now(UTC),
        "datacontenttype": "application/json",
        "partitionkey": key,
    }
    if traceparent:
        attributes["traceparent"] = traceparent
    data = payload.model_dump(mode="json")
    message = kafka.to_binary_event(CloudEvent(attributes, data))
    envelope = Envelope(
        id=attributes["id"],
        type=payload.event_type,
        source=source,
        subject=key,
        time=attributes["time"],
        data=data,
        traceparent=traceparent,
    )
    record = KafkaRecord(
        topic=payload.topic,
        key=key.encode(),
        headers=list(message.headers.items()),
        value=message.value,
    )
    return envelope, record


def decode(
    headers: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...],
    key: bytes | None,
    value: bytes | None,
) -> Envelope:
    """Parse a consumed record; raises DecodeError when it is not a CloudEvent we can read."""
    try:
        event = kafka.from_binary_event(
            kafka.KafkaMessage(headers=dict(headers), key=key, value=value or b"")
        )
        attributes = event.get_attributes()
        data = event.get_data()
        if not isinstance(data, dict):
            raise DecodeError("event data is not a JSON object")
        return Envelope(
            id=str(attributes["id"]),
            type=str(attributes["type"]),
            source=str(attributes["source"]),
            subject=str(attributes.get("subject") or (key or b"").decode()),
            time=attributes.get("time") or datetime.now(UTC),
            data=data,
            traceparent=attributes.get("traceparent"),
        )
    except DecodeError:
        raise
    except Exception as exc:  # the SDK raises several kinds; all mean "unreadable"
        raise DecodeError(f"not a CloudEvents binary-mode record: {exc}") from exc
