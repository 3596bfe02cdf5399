"""The AsyncAPI 3.1 document of every Clearway event, generated from the contracts.

Channels, operations and Kafka bindings come from the topology (who publishes and who reads
each topic), messages from the payload models, examples from ``events.examples``: none of it
is written twice. ``python -m clearway_contracts.asyncapi > docs/asyncapi.json`` regenerates
it; a test fails when the committed document is out of date, and another validates it with
the AsyncAPI parser (the one ``asyncapi validate`` runs).
"""

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from clearway_contracts.dlq import DLQ_HEADER_DESCRIPTIONS
from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.examples import EXAMPLES
from clearway_contracts.events.registry import EVENT_TYPES
from clearway_contracts.events.topology import (
    PARTICIPANTS,
    consumer_group,
    dead_letter_topic,
    event_source,
    owner_of,
)

KAFKA_BINDINGS = "0.5.0"
# deploy/k8s/base/kafka/topics.yaml: 12 partitions (they bound the consumers' replicas), 3 copies.
PARTITIONS = 12
REPLICAS = 3

_CE_HEADER_PROPERTIES: dict[str, Any] = {
    "ce_specversion": {"type": "string", "const": "1.0"},
    "ce_id": {"type": "string", "description": "event id; consumers deduplicate on it"},
    "ce_type": {"type": "string"},
    "ce_source": {"type": "string", "description": "/clearway/<service>"},
    "ce_subject": {"type": "string", "description": "the declaration id"},
    "ce_time": {"type": "string", "format": "date-time"},
    "ce_partitionkey": {"type": "string", "description": "the Kafka key: declaration id"},
    "ce_traceparent": {"type": "string", "description": "W3C trace context"},
    "content-type": {"type": "string", "const": "application/json"},
}
_CE_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0 Kafka binary mode attributes",
    "required": ["ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time"],
    "properties": _CE_HEADER_PROPERTIES,
}
_KEY = {"type": "string", "format": "uuid", "description": "the declaration id"}

SERVERS: dict[str, Any] = {
    "development": {
        "host": "127.0.0.1:{port}",
        "protocol": "kafka",
        "description": "The broker `make run` starts; it prints the port and the passwords.",
        "variables": {"port": {"default": "9092"}},
        "security": [{"$ref": "#/components/securitySchemes/scram"}],
    },
    "production": {
        "host": "clearway-kafka-bootstrap.clearway.svc:9092",
        "protocol": "kafka",
        "description": "The Strimzi cluster of deploy/k8s; each service is its own KafkaUser.",
        "security": [{"$ref": "#/components/securitySchemes/scram"}],
    },
}


def _message_name(event_type: str) -> str:
    return event_type.removeprefix("clearway.").replace(".", "_")


def _channel_name(topic: str) -> str:
    return topic.replace(".", "_")


def _example(event: EventPayload) -> dict[str, Any]:
    return {
        "name": _message_name(event.event_type),
        "headers": {
            "ce_specversion": "1.0",
            "ce_id": "6c2e8a1f-4b7d-4e9a-8f3c-2d1e0b9a8c7d",
            "ce_type": event.event_type,
            "ce_source": event_source(event.topic.split(".")[1]),
            "ce_subject": str(event.declaration_id),
            "ce_time": "2026-03-01T09:15:00Z",
            "content-type": "application/json",
        },
        "payload": event.model_dump(mode="json"),
    }


def _messages(classes: list[type[EventPayload]]) -> tuple[dict[str, Any], dict[str, Any]]:
    refs, definitions = models_json_schema(
        [(cls, "validation") for cls in classes],
        ref_template="#/components/schemas/{model}",
    )
    examples = {type(event): _example(event) for event in EXAMPLES}
    messages = {
        _message_name(cls.event_type): {
            "name": cls.event_type,
            "title": cls.__name__,
            "summary": cls.summary,
            "contentType": "application/json",
            "headers": _CE_HEADERS,
            "payload": refs[(cls, "validation")],
            "bindings": {"kafka": {"key": _KEY, "bindingVersion": KAFKA_BINDINGS}},
            "examples": [examples[cls]],
        }
        for cls in classes
    }
    messages["dead_letter"] = {
        "name": "dead_letter",
        "title": "Dead letter",
        "summary": "An event a consumer could not apply, kept as it came, with why.",
        "description": (
            "Key, body and CloudEvents headers are the original record's; the dlq_* headers "
            "say why and where it came from. `python -m clearway_<service> dlq replay` sends "
            "it back to its topic once the cause is fixed (docs/operations.md)."
        ),
        "contentType": "application/json",
        "headers": {
            "type": "object",
            "properties": _CE_HEADER_PROPERTIES
            | {
                name: {"type": "string", "description": description}
                for name, description in DLQ_HEADER_DESCRIPTIONS.items()
            },
        },
        "payload": {"description": "the original event's data, unchanged"},
        "bindings": {"kafka": {"key": _KEY, "bindingVersion": KAFKA_BINDINGS}},
    }
    return messages, definitions.get("$defs", {})


def _topic_binding(topic: str) -> dict[str, Any]:
    return {
        "kafka": {
            "topic": topic,
            "partitions": PARTITIONS,
            "replicas": REPLICAS,
            "bindingVersion": KAFKA_BINDINGS,
        }
    }


def _channels(classes: list[type[EventPayload]]) -> dict[str, Any]:
    channels: dict[str, Any] = {}
    for cls in classes:
        channel = channels.setdefault(
            _channel_name(cls.topic),
            {
                "address": cls.topic,
                "description": f"Everything the {cls.topic.split('.')[1]} service publishes.",
                "messages": {},
                "bindings": _topic_binding(cls.topic),
            },
        )
        name = _message_name(cls.event_type)
        channel["messages"][name] = {"$ref": f"#/components/messages/{name}"}
    for participant in PARTICIPANTS:
        if participant.reads:
            topic = dead_letter_topic(participant.name)
            channels[_channel_name(topic)] = {
                "address": topic,
                "description": f"What the {participant.name} service's consumer set aside.",
                "messages": {"dead_letter": {"$ref": "#/components/messages/dead_letter"}},
                "bindings": _topic_binding(topic),
            }
    return channels


def _operation(action: str, channel: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "action": action,
        "channel": {"$ref": f"#/channels/{channel}"},
        "messages": [{"$ref": f"#/channels/{channel}/messages/{m}"} for m in spec["messages"]],
    }


def _operations(channels: dict[str, Any]) -> dict[str, Any]:
    operations: dict[str, Any] = {}
    for participant in PARTICIPANTS:
        name = participant.name
        if participant.publishes is not None:
            channel = _channel_name(participant.publishes)
            operations[f"{name}_publishes"] = _operation("send", channel, channels[channel]) | {
                "summary": f"The {name} service's outbox relay publishes its events."
            }
        for topic in participant.reads:
            channel = _channel_name(topic)
            owner = owner_of(topic)
            assert owner is not None, f"{topic} has no owner in the topology"
            group = {"type": "string", "enum": [consumer_group(name)]}
            operations[f"{name}_receives_from_{owner.name}"] = _operation(
                "receive", channel, channels[channel]
            ) | {
                "summary": f"The {name} service consumes the {owner.name} service's events.",
                "bindings": {"kafka": {"groupId": group, "bindingVersion": KAFKA_BINDINGS}},
            }
        if participant.reads:
            channel = _channel_name(dead_letter_topic(name))
            operations[f"{name}_dead_letters"] = _operation("send", channel, channels[channel]) | {
                "summary": f"The {name} service sets aside an event it cannot apply."
            }
    return operations


def build() -> dict[str, Any]:
    classes = sorted(EVENT_TYPES.values(), key=lambda cls: cls.event_type)
    messages, schemas = _messages(classes)
    channels = _channels(classes)
    return {
        "asyncapi": "3.1.0",
        "info": {
            "title": "Clearway events",
            "version": "1.0.0",
            "description": (
                "Events between Clearway services. Kafka, one topic per producing service, "
                "keyed by declaration id; CloudEvents 1.0 binary mode with a JSON body. Each "
                "service connects as its own SASL/SCRAM user; ACLs let it write only its own "
                "topics and read only those it consumes (docs/adr/0014)."
            ),
            "license": {
                "name": "Apache-2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
            },
        },
        "defaultContentType": "application/json",
        "servers": SERVERS,
        "channels": channels,
        "operations": _operations(channels),
        "components": {
            "schemas": schemas,
            "messages": messages,
            "securitySchemes": {
                "scram": {
                    "type": "scramSha512",
                    "description": "Kafka SASL/SCRAM-SHA-512; the user is the service's name.",
                }
            },
        },
    }


def render() -> str:
    return json.dumps(build(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
