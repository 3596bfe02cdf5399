from datetime import UTC, datetime
from uuid import uuid4

import pytest

from clearway_contracts.events import EVENT_TYPES
from clearway_contracts.events.envelope import DecodeError, decode, encode
from clearway_contracts.events.registry import UnknownEventType, model_for
from clearway_contracts.events.release import TransitOverdue


def overdue() -> TransitOverdue:
    now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    return TransitOverdue(declaration_id=uuid4(), deadline=now, detected_at=now)


def test_an_event_travels_as_cloudevents_binary_mode_keyed_by_declaration() -> None:
    payload = overdue()
    envelope, record = encode(
        payload, source="/clearway/release", traceparent="00-" + "a" * 32 + "-" + "b" * 16 + "-01"
    )
    headers = dict(record.headers)
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"clearway.release.transit_overdue.v1"
    assert headers["ce_subject"] == str(payload.declaration_id).encode()
    assert headers["content-type"] == b"application/json"
    assert record.key == str(payload.declaration_id).encode()
    assert record.topic == "clearway.release.events"

    decoded = decode(record.headers, record.key, record.value)
    assert decoded.id == envelope.id
    assert decoded.traceparent == envelope.traceparent
    assert decoded.payload() == payload


def test_a_record_without_cloudevents_headers_cannot_be_decoded() -> None:
    with pytest.raises(DecodeError):
        decode([], b"key", b"{}")
    with pytest.raises(DecodeError):
        decode(
            [
                ("ce_id", b"1"),
                ("ce_type", b"x"),
                ("ce_source", b"/s"),
                ("ce_specversion", b"1.0"),
                ("content-type", b"application/json"),
            ],
            b"k",
            b"[1, 2]",
        )


def test_every_event_type_is_versioned_and_registered_once() -> None:
    for event_type, model in EVENT_TYPES.items():
        assert event_type.startswith("clearway.")
        assert event_type.rsplit(".", 1)[1].startswith("v")
        assert model_for(event_type) is model
    with pytest.raises(UnknownEventType):
        model_for("clearway.nothing.v1")


def test_consumers_ignore_fields_added_later() -> None:
    data = overdue().model_dump(mode="json") | {"added_in_a_later_release": True}
    assert TransitOverdue.model_validate(data).declaration_id
