"""Who may write and who may read each Kafka topic: the trust boundary of the event backbone.

Every service that uses Kafka connects as its own principal (named like the service), writes
only its own events topic and dead-letter topic, and reads only the topics listed here. The
broker's ACLs (``clearway_infra.kafka_acls`` locally, the KafkaUsers in ``deploy/k8s``) and
the consumers' source check (``clearway_platform.inbox``) are both derived from this table, so
they cannot drift apart. A new event type goes on its service's existing topic and changes
nothing here; a new topic or a new consumer is a change of this table.
"""

from dataclasses import dataclass
from typing import Literal

from clearway_contracts.events import declaration, inspection, release

SOURCE_PREFIX = "/clearway/"


def event_source(service: str) -> str:
    """The CloudEvents ``source`` a service stamps on what it publishes."""
    return f"{SOURCE_PREFIX}{service}"


def dead_letter_topic(service: str) -> str:
    return f"clearway.{service}.dlq"


def consumer_group(service: str) -> str:
    return f"clearway-{service}"


@dataclass(frozen=True, order=True)
class Grant:
    """One right of a principal, in the words Kafka's ACLs and Strimzi's KafkaUser use."""

    resource: Literal["topic", "group"]
    name: str
    operation: Literal["Read", "Write", "Describe"]


@dataclass(frozen=True)
class Participant:
    """A service on the backbone: the topic it owns and the topics it consumes.

    A reader only (the gateway's statistics) publishes no events; it still owns its
    dead-letter topic, where its consumer sets aside what it cannot read."""

    name: str
    publishes: str | None
    reads: tuple[str, ...]

    @property
    def principal(self) -> str:
        """Its Kafka user name (SASL/SCRAM); ACLs name it ``User:<principal>``."""
        return self.name

    @property
    def source(self) -> str:
        return event_source(self.name)

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics it owns: its events and its dead letters."""
        events = () if self.publishes is None else (self.publishes,)
        return (*events, dead_letter_topic(self.name))

    def grants(self, prefix: str = "") -> list[Grant]:
        """Everything it may do, on the topics and group of one deployment (``prefix``).

        Writing needs WRITE on the topic only: since Kafka 3.0 (KIP-679) that is enough for
        the idempotent producer too, no cluster-level IDEMPOTENT_WRITE. DESCRIBE is implied by
        READ and WRITE; it is listed so that the rights read the same here and in Strimzi.
        """
        written = [
            Grant("topic", prefix + topic, operation)
            for topic in self.topics
            for operation in ("Write", "Describe")
        ]
        read = [
            Grant("topic", prefix + topic, operation)
            for topic in self.reads
            for operation in ("Read", "Describe")
        ]
        group = [Grant("group", prefix + consumer_group(self.name), "Read")] if self.reads else []
        return sorted([*written, *read, *group])


PARTICIPANTS: tuple[Participant, ...] = (
    Participant(
        "declaration",
        publishes=declaration.TOPIC,
        reads=(inspection.TOPIC, release.TOPIC),
    ),
    Participant("inspection", publishes=inspection.TOPIC, reads=(declaration.TOPIC,)),
    Participant(
        "release",
        publishes=release.TOPIC,
        reads=(declaration.TOPIC, inspection.TOPIC),
    ),
    # The gateway's statistics role: a read model of every service's events (ADR 0020).
    Participant(
        "gateway",
        publishes=None,
        reads=(declaration.TOPIC, inspection.TOPIC, release.TOPIC),
    ),
)


def participant(service: str) -> Participant | None:
    """The service's place on the backbone; None for a service that uses no Kafka."""
    return next((p for p in PARTICIPANTS if p.name == service), None)


def all_topics(prefix: str = "") -> list[str]:
    """Every topic of the backbone, for one deployment (``prefix``)."""
    return [prefix + topic for p in PARTICIPANTS for topic in p.topics]


def owner_of(topic: str) -> Participant | None:
    """The only service that may publish events on ``topic`` (given without its prefix)."""
    return next((p for p in PARTICIPANTS if p.publishes == topic), None)


def untrusted_source(topic: str, source: str, *, topic_prefix: str = "") -> str | None:
    """Why an event with CloudEvents ``source`` may not be trusted on ``topic``; None if it may.

    ACLs keep other principals off a topic; this keeps a topic's owner (or a principal
    granted too much by mistake) from speaking for another service.
    """
    name = topic.removeprefix(topic_prefix)
    owner = owner_of(name)
    if owner is None:
        return f"untrusted source {source!r}: no Clearway service owns topic {topic}"
    if source != owner.source:
        return f"untrusted source {source!r} on {topic}: only {owner.source} publishes there"
    return None
