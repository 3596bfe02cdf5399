"""One lodging is one OpenTelemetry trace: the gateway's request, its upstream call, the
declaration service's handler, the Kafka publish by its outbox relay and the handlers of the
services that consume the event, each span the child of the one that caused it.

The system runs as in the other end-to-end tests (real PostgreSQL, Kafka and HTTP); only the
spans are collected in this process, by the SDK's in-memory exporter instead of OTLP.
"""

import asyncio
from collections.abc import Callable, Iterator, Sequence
from uuid import uuid4

import pytest
from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import Decision, SamplingResult
from opentelemetry.trace import Link, SpanKind, TraceState
from opentelemetry.util.types import Attributes

from clearway_contracts.events import TOPICS
from clearway_contracts.events.declaration import DeclarationAccepted
from clearway_platform import tracing
from tests.e2e.conftest import running_system
from tests.support.events import EventProbe
from tests.support.infra import TestInfra
from tests.support.samples import bodies


class Switch(tracing.WithoutOrphanStatements):
    """The services' sampler while this module runs, then nothing: a process's tracer
    provider stays for good, and the tests after this one should not record spans."""

    on = True

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        if not self.on:
            return SamplingResult(Decision.DROP)
        return super().should_sample(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )


@pytest.fixture(scope="module")
def exporter() -> Iterator[InMemorySpanExporter]:
    """The process's tracer provider, installed before the system's apps are built (as
    ``tracing.configure`` would from OTEL_* variables), with the services' sampler."""
    collected, switch = InMemorySpanExporter(), Switch()
    provider = TracerProvider(sampler=switch)
    provider.add_span_processor(SimpleSpanProcessor(collected))
    trace.set_tracer_provider(provider)
    yield collected
    switch.on = False
    collected.clear()


async def test_a_lodging_is_one_trace_across_the_services_and_kafka(
    infra: TestInfra, exporter: InMemorySpanExporter
) -> None:
    async with running_system(infra) as system:
        assert tracing.enabled()  # the apps found the provider
        # The ERP's own span (its own SDK: the services' sampler drops client spans that
        # start a trace): its traceparent is what an instrumented client sends.
        erp = TracerProvider().get_tracer("erp")
        with erp.start_as_current_span("lodge", kind=SpanKind.CLIENT) as erp_span:
            carrier: dict[str, str] = {"X-Request-ID": uuid4().hex}
            propagate.inject(carrier)
            response = await system.forwarder().post(
                "/v1/declarations", json=bodies.local_car(), headers=carrier
            )
        assert response.status_code == 201, response.text
        trace_id = erp_span.get_span_context().trace_id
        declaration_id = response.json()["id"]

        spans = await _trace_until(
            exporter, trace_id, lambda found: {"inspection", "release"} <= _consumers(found)
        )
        topics = [system.topic_prefix + topic for topic in TOPICS]
        async with EventProbe(system.kafka, *topics) as probe:
            await probe.wait_for(
                lambda seen: any(
                    e.type == DeclarationAccepted.event_type and e.subject == declaration_id
                    for e in seen
                )
            )

    by_id = {span.context.span_id: span for span in spans}

    def parent(span: ReadableSpan) -> ReadableSpan:
        assert span.parent is not None, f"{span.name} has no parent"
        return by_id[span.parent.span_id]

    def ancestors(span: ReadableSpan) -> list[ReadableSpan]:
        chain = []
        while span.parent is not None and span.parent.span_id in by_id:
            span = by_id[span.parent.span_id]
            chain.append(span)
        return chain

    # The gateway's server span is the child of the ERP's; its upstream call (aiohttp) is
    # the parent of the declaration service's server span.
    erp_span_id = erp_span.get_span_context().span_id
    [gateway] = [
        s
        for s in spans
        if s.kind is SpanKind.SERVER and s.parent and s.parent.span_id == erp_span_id
    ]
    servers = [s for s in spans if s.kind is SpanKind.SERVER and s is not gateway]
    [declaration] = [s for s in servers if parent(s).kind is SpanKind.CLIENT]
    upstream = parent(declaration)
    assert parent(upstream) is gateway
    # The declaration service's statements (asyncpg) are spans of its request.
    assert any(
        s.kind is SpanKind.CLIENT and declaration in ancestors(s) and s is not upstream
        for s in spans
    ), "no database span under the declaration service's request"

    # The relay's publish is the child of the request that wrote the outbox row, and the
    # record it sent carries that span's context as a plain W3C traceparent header.
    declarations_topic = system.topic_prefix + DeclarationAccepted.topic
    publishes = [
        s for s in spans if s.kind is SpanKind.PRODUCER and s.name.startswith(declarations_topic)
    ]
    assert publishes, "no publish span for the declaration's events"
    assert all(declaration in ancestors(s) for s in publishes)
    [record] = [
        r
        for r in probe.records
        if dict(r.headers).get("ce_type") == DeclarationAccepted.event_type.encode()
        and r.key == declaration_id.encode()
    ]
    traceparent = dict(record.headers)["traceparent"].decode()
    _, sent_trace, sent_span, _ = traceparent.split("-")
    assert int(sent_trace, 16) == trace_id
    assert int(sent_span, 16) in {s.context.span_id for s in publishes}

    # Another service's consumer handles the record as the child of that publish.
    inspection = [s for s in spans if _service(s) == "inspection"]
    assert any(parent(s) in publishes for s in inspection)
    # ...and the release service's, further down the same trace, each one the child of a
    # publish that descends from the gateway's request.
    release = [s for s in spans if _service(s) == "release"]
    assert all(parent(s).kind is SpanKind.PRODUCER for s in release)
    assert all(gateway in ancestors(s) for s in release)


async def _trace_until(
    exporter: InMemorySpanExporter,
    trace_id: int,
    done: Callable[[list[ReadableSpan]], bool],
    *,
    timeout: float = 60,
) -> list[ReadableSpan]:
    found: list[ReadableSpan] = []
    try:
        async with asyncio.timeout(timeout):
            while not done(found):
                await asyncio.sleep(0.2)
                found = [s for s in exporter.get_finished_spans() if s.context.trace_id == trace_id]
    except TimeoutError:
        seen = sorted({(s.name, s.kind.name, _service(s)) for s in found}, key=str)
        raise AssertionError(f"timed out after {timeout}s; spans of the trace: {seen}") from None
    return found


def _consumers(spans: list[ReadableSpan]) -> set[str]:
    return {service for s in spans if (service := _service(s))}


def _service(span: ReadableSpan) -> str | None:
    if span.kind is not SpanKind.CONSUMER or not span.attributes:
        return None
    service = span.attributes.get("clearway.service")
    return str(service) if service else None
