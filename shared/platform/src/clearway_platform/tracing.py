"""OpenTelemetry traces: one lodging is one trace, from the gateway through Kafka and back.

Off by default: tracing starts only when the standard variables ask for an exporter
(``OTEL_TRACES_EXPORTER`` other than ``none``, or ``OTEL_EXPORTER_OTLP_ENDPOINT`` /
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``), and ``OTEL_SDK_DISABLED=true`` keeps it off. Off,
no tracer provider is installed and nothing is instrumented, so a request costs nothing more.
The SDK itself reads the rest (``OTEL_SERVICE_NAME``, ``OTEL_RESOURCE_ATTRIBUTES``,
``OTEL_TRACES_SAMPLER``, ``OTEL_BSP_*``, ``OTEL_EXPORTER_OTLP_*``).

On, the FastAPI app (server spans, ``traceparent`` read from the caller), aiohttp (the
gateway's upstream calls carry ``traceparent``) and asyncpg (a span per statement) are
instrumented. Kafka is propagated here rather than by aiokafka's instrumentation, because the
record is sent by the outbox relay long after the request that caused it, and consumed in
batches: the request's context is stored with the outbox row (``outbox_headers``), the relay
starts a producer span as its child and sends that span's ``traceparent``/``tracestate`` as
plain record headers (``record_headers``), and the consumer starts each handler's span as the
child of the record's (``handling``). Any OpenTelemetry-aware Kafka client reads them alike.
"""

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import OTELResourceDetector, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.sdk.trace.sampling import (
    Decision,
    Sampler,
    SamplingResult,
    _get_from_env_or_default,
)
from opentelemetry.trace import Link, SpanKind, TraceState
from opentelemetry.util.types import Attributes

log = logging.getLogger(__name__)

TRACE_HEADERS = ("traceparent", "tracestate")
_EXCLUDED_URLS = "healthz,readyz"  # probes, every few seconds: noise in every trace backend
_tracer = trace.get_tracer("clearway")
_instrumented = False
_on = False  # decided once, by ``configure``: a process's tracer provider is set for good


def enabled() -> bool:
    """Whether this process traces (a flag: it is asked once per event and request)."""
    return _on


def requested(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the standard OTEL_* variables ask for traces to be exported."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporter = environ.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if exporter:
        return exporter != "none"
    return any(
        environ.get(name)
        for name in ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    )


def configure(app: FastAPI, *, service: str) -> bool:
    """Trace this app when asked to (see the module's doc); returns whether it is traced.

    An SDK tracer provider installed before (by a test, say) is used as it is."""
    global _on
    if not _on:
        if not isinstance(trace.get_tracer_provider(), TracerProvider):
            if not requested():
                return False
            trace.set_tracer_provider(_provider(service))
        _on = True
    _instrument_libraries()
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(
        app,
        excluded_urls=os.environ.get("OTEL_PYTHON_FASTAPI_EXCLUDED_URLS", _EXCLUDED_URLS),
        exclude_spans=["receive", "send"],  # one span per ASGI message is noise
    )
    return True


def _provider(service: str) -> TracerProvider:
    # OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override the name given here.
    resource = Resource.create({"service.name": f"clearway-{service}"}).merge(
        OTELResourceDetector().detect()
    )
    provider = TracerProvider(resource=resource, sampler=WithoutOrphanStatements())
    for exporter in _exporters():
        provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


class WithoutOrphanStatements(Sampler):
    """Drops spans that start a trace from no request or event: the relay's, the consumer's
    and the workers' own statements, many a second, would each be a trace of one SQL span.
    Everything else is left to the sampler ``OTEL_TRACES_SAMPLER`` chooses."""

    def __init__(self, sampler: Sampler | None = None) -> None:
        self._sampler = sampler or _get_from_env_or_default()

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
        orphan = not trace.get_current_span(parent_context).get_span_context().is_valid
        if orphan and kind in (SpanKind.CLIENT, SpanKind.INTERNAL):
            return SamplingResult(Decision.DROP)
        return self._sampler.should_sample(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )

    def get_description(self) -> str:
        return f"WithoutOrphanStatements{{{self._sampler.get_description()}}}"


def _exporters() -> list[SpanExporter]:
    names = os.environ.get("OTEL_TRACES_EXPORTER", "otlp").lower().split(",")
    exporters: list[SpanExporter] = []
    for name in (n.strip() for n in names):
        if name == "otlp":
            # OTLP over HTTP/protobuf; endpoint, headers, timeout from OTEL_EXPORTER_OTLP_*.
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            exporters.append(OTLPSpanExporter())
        elif name == "console":
            exporters.append(ConsoleSpanExporter())
        elif name and name != "none":
            log.warning("OTEL_TRACES_EXPORTER=%s is not supported (otlp, console); ignored", name)
    return exporters


def _instrument_libraries() -> None:
    """asyncpg and aiohttp are patched process-wide, once."""
    global _instrumented
    if _instrumented:
        return
    from opentelemetry.instrumentation.aiohttp_client import AioHttpClientInstrumentor
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

    AioHttpClientInstrumentor().instrument()
    AsyncPGInstrumentor().instrument()  # type: ignore[no-untyped-call]
    _instrumented = True


def outbox_headers(headers: dict[str, str], *, fallback: str | None) -> None:
    """Add the current trace context to an outbox row's headers, for the relay to send.

    ``fallback`` (the correlation id's ``traceparent``) is sent when no span is current, so
    every record still carries a ``traceparent``."""
    if enabled():
        propagate.inject(headers)
    if "traceparent" not in headers and fallback:
        headers["traceparent"] = fallback


def record_headers(topic: str, stored: Mapping[str, str]) -> list[tuple[str, bytes]]:
    """The Kafka headers of an outbox row: traced, a producer span is started as the child of
    the stored context and its ``traceparent`` sent, so consumers link to the publish."""
    headers = dict(stored)
    if enabled():
        parent = propagate.extract(stored)
        span = _tracer.start_span(
            f"{topic} publish",
            context=parent,
            kind=SpanKind.PRODUCER,
            attributes={
                "messaging.system": "kafka",
                "messaging.operation.type": "send",
                "messaging.destination.name": topic,
                "messaging.message.id": stored.get("ce_id", ""),
            },
        )
        for name in TRACE_HEADERS:
            headers.pop(name, None)
        propagate.inject(headers, context=trace.set_span_in_context(span))
        span.end()
    return [(name, value.encode()) for name, value in headers.items()]


@contextmanager
def handling(
    headers: Any, *, topic: str, partition: int, offset: int, event_type: str, service: str
) -> Iterator[None]:
    """A consumer's span around one event's handler, the child of the record's context."""
    if not enabled():
        yield
        return
    carrier = {
        name: value.decode(errors="replace")
        for name, value in headers
        if name in TRACE_HEADERS and value is not None
    }
    with _tracer.start_as_current_span(
        f"{topic} process",
        context=propagate.extract(carrier),
        kind=SpanKind.CONSUMER,
        attributes={
            "messaging.system": "kafka",
            "messaging.operation.type": "process",
            "messaging.destination.name": topic,
            "messaging.destination.partition.id": str(partition),
            "messaging.kafka.offset": offset,
            "clearway.event_type": event_type,
            "clearway.service": service,
        },
    ):
        yield
