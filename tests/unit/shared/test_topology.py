"""The backbone's topology: who writes and reads which topic, and whom a consumer trusts."""

import pytest
from pydantic import SecretStr

from clearway_contracts.events import EVENT_TYPES
from clearway_contracts.events.topology import (
    PARTICIPANTS,
    Grant,
    owner_of,
    participant,
    untrusted_source,
)
from clearway_declaration.lifecycle.handlers import handlers as declaration_handlers
from clearway_declaration.settings import Settings as DeclarationSettings
from clearway_gateway.statistics.handlers import handlers as statistics_handlers
from clearway_inspection.lanes.handlers import handlers as inspection_handlers
from clearway_platform.handlers import EventHandlers
from clearway_platform.kafka import KafkaCredentialsMissing, connection_options
from clearway_release.releases.handlers import handlers as release_handlers


def test_an_event_from_the_topics_owner_is_trusted() -> None:
    assert untrusted_source("clearway.inspection.events", "/clearway/inspection") is None
    assert (
        untrusted_source(
            "t1.clearway.inspection.events", "/clearway/inspection", topic_prefix="t1."
        )
        is None
    )


@pytest.mark.parametrize(
    "source", ["/clearway/declaration", "/clearway/release", "/clearway/test", "/inspection", ""]
)
def test_an_event_from_anyone_else_is_not(source: str) -> None:
    assert untrusted_source("t1.clearway.inspection.events", source, topic_prefix="t1.") == (
        f"untrusted source {source!r} on t1.clearway.inspection.events: "
        "only /clearway/inspection publishes there"
    )


@pytest.mark.parametrize(
    ("topic", "prefix"),
    [
        ("clearway.inspection.dlq", ""),  # dead letters are nobody's events
        ("clearway.backbone.events", ""),
        ("t2.clearway.inspection.events", "t1."),  # another deployment's topic
    ],
)
def test_a_topic_no_service_owns_trusts_nobody(topic: str, prefix: str) -> None:
    reason = untrusted_source(topic, "/clearway/inspection", topic_prefix=prefix)
    assert reason == (
        f"untrusted source '/clearway/inspection': no Clearway service owns topic {topic}"
    )


def test_every_event_type_is_published_on_its_own_services_topic() -> None:
    """``clearway.<service>.<name>.v<N>`` goes on <service>'s topic, which only <service>
    may write: a new event type needs no new topic and no new ACL."""
    for event_type, payload in EVENT_TYPES.items():
        owner = owner_of(payload.topic)
        assert owner is not None, event_type
        assert owner.name == event_type.split(".")[1], event_type


@pytest.mark.parametrize(
    ("service", "handlers"),
    [
        ("declaration", declaration_handlers()),
        ("inspection", inspection_handlers()),
        ("release", release_handlers()),
        ("gateway", statistics_handlers()),
    ],
)
def test_each_service_may_read_exactly_the_topics_its_handlers_consume(
    service: str, handlers: EventHandlers
) -> None:
    on_kafka = participant(service)
    assert on_kafka is not None
    assert set(on_kafka.reads) == handlers.topics


def test_the_gateway_only_reads_and_sets_aside_what_it_cannot() -> None:
    """Its statistics role reads every service's events; it publishes none, and may write
    only its own dead-letter topic."""
    gateway = participant("gateway")
    assert gateway is not None
    assert gateway.topics == ("clearway.gateway.dlq",)
    written = {g.name for g in gateway.grants() if g.operation == "Write"}
    assert written == {"clearway.gateway.dlq"}
    assert Grant("group", "clearway-gateway", "Read") in gateway.grants()
    assert owner_of("clearway.gateway.dlq") is None  # nobody's events: trusted from nobody


def test_a_service_may_write_its_own_topics_and_read_in_its_own_group() -> None:
    declaration = participant("declaration")
    assert declaration is not None
    assert declaration.grants("t1.") == sorted(
        [
            Grant("topic", "t1.clearway.declaration.events", "Write"),
            Grant("topic", "t1.clearway.declaration.events", "Describe"),
            Grant("topic", "t1.clearway.declaration.dlq", "Write"),
            Grant("topic", "t1.clearway.declaration.dlq", "Describe"),
            Grant("topic", "t1.clearway.inspection.events", "Read"),
            Grant("topic", "t1.clearway.inspection.events", "Describe"),
            Grant("topic", "t1.clearway.release.events", "Read"),
            Grant("topic", "t1.clearway.release.events", "Describe"),
            Grant("group", "t1.clearway-declaration", "Read"),
        ]
    )


def test_no_two_services_may_write_the_same_topic() -> None:
    written = [
        grant.name for p in PARTICIPANTS for grant in p.grants() if grant.operation == "Write"
    ]
    assert len(written) == len(set(written))


def test_a_service_without_kafka_credentials_refuses_to_connect() -> None:
    settings = DeclarationSettings(kafka_username="declaration")
    with pytest.raises(KafkaCredentialsMissing, match="DECLARATION_KAFKA_PASSWORD"):
        connection_options(settings)
    settings = DeclarationSettings(kafka_password=SecretStr("secret"))
    with pytest.raises(KafkaCredentialsMissing, match="DECLARATION_KAFKA_USERNAME"):
        connection_options(settings)


def test_a_service_logs_in_as_its_principal() -> None:
    settings = DeclarationSettings(kafka_username="declaration", kafka_password=SecretStr("secret"))
    options = connection_options(settings)
    assert options["security_protocol"] == "SASL_PLAINTEXT"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == (
        "declaration",
        "secret",
    )
