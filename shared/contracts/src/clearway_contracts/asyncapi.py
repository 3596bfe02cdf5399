"""The AsyncAPI 3.0 document of every Clearway event, generated from the payload models.

``python -m clearway_contracts.asyncapi > docs/asyncapi.json`` regenerates it; a test fails when
the committed document is out of date.
"""

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from clearway_contracts.events.registry import EVENT_TYPES

_CE_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0 Kafka binary mode attributes",
    "required": ["ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time"],
    "properties": {
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_id": {"type": "string", "description": "event id; consumers deduplicate on it"},
        "ce_type": {"type": "string"},
        "ce_source": {"type": "string", "description": "/clearway/<service>"},
        "ce_subject": {"type": "string", "description": "the declaration id"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_partitionkey": {"type": "string", "description": "the Kafka key: declaration id"},
        "ce_traceparent": {"type": "string", "description": "W3C trace context"},
        "content-type": {"type": "string", "const": "application/json"},
    },
}


def _message_name(event_type: str) -> str:
    return event_type.removeprefix("clearway.").replace(".", "_")


def build() -> dict[str, Any]:
    classes = sorted(EVENT_TYPES.values(), key=lambda cls: cls.event_type)
    refs, definitions = models_json_schema(
        [(cls, "validation") for cls in classes],
        ref_template="#/components/schemas/{model}",
    )
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for cls in classes:
        name = _message_name(cls.event_type)
        channel = cls.topic.replace(".", "_")
        messages[name] = {
            "name": cls.event_type,
            "title": cls.__name__,
            "summary": cls.summary,
            "contentType": "application/json",
            "headers": _CE_HEADERS,
            "payload": refs[(cls, "validation")],
        }
        channels.setdefault(channel, {"address": cls.topic, "messages": {}})
        channels[channel]["messages"][name] = {"$ref": f"#/components/messages/{name}"}
    for channel, spec in channels.items():
        operations[f"publish_{channel}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel}"},
            "messages": [{"$ref": f"#/channels/{channel}/messages/{m}"} for m in spec["messages"]],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Clearway events",
            "version": "1.0.0",
            "description": (
                "Events between Clearway services. Kafka, one topic per producing service, "
                "keyed by declaration id; CloudEvents 1.0 binary mode with a JSON body."
            ),
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"schemas": definitions.get("$defs", {}), "messages": messages},
    }


def render() -> str:
    return json.dumps(build(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(render(), end="")
