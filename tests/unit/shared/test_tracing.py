"""Tracing is off unless the standard OTEL_* variables ask for it; off, every record still
carries a W3C traceparent (the request id's), and the relay sends the stored headers as they
are."""

import pytest

from clearway_platform import tracing


@pytest.mark.parametrize(
    ("environ", "on"),
    [
        ({}, False),
        ({"OTEL_SERVICE_NAME": "x"}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, True),
        ({"OTEL_TRACES_EXPORTER": "otlp"}, True),
        ({"OTEL_TRACES_EXPORTER": "console"}, True),
        ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}, False),
        ({"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "otlp"}, False),
    ],
)
def test_only_the_otel_variables_turn_tracing_on(environ: dict[str, str], on: bool) -> None:
    assert tracing.requested(environ) is on


def test_untraced_the_request_ids_traceparent_is_stored_and_sent_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tracing, "enabled", lambda: False)  # whatever else ran in this process
    fallback = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    headers = {"ce_id": "e1"}
    tracing.outbox_headers(headers, fallback=fallback)
    assert headers == {"ce_id": "e1", "traceparent": fallback}
    sent = tracing.record_headers("clearway.declaration.events", headers)
    assert sent == [("ce_id", b"e1"), ("traceparent", fallback.encode())]
