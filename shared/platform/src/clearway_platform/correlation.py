"""The correlation id of the current request or event, and its W3C ``traceparent`` form.

HTTP requests get theirs from ``X-Request-ID`` (asgi-correlation-id); events carry it as the
trace id of ``traceparent``; consumers restore it, so one id follows a declaration through
every service's log lines.
"""

import re
import secrets
from uuid import uuid4

from asgi_correlation_id.context import correlation_id
from opentelemetry import trace

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")


def _trace_id(value: str) -> str:
    hexed = value.replace("-", "").lower()
    if re.fullmatch(r"[0-9a-f]{32}", hexed) and hexed != "0" * 32:
        return hexed
    return uuid4().hex


def current_traceparent() -> str | None:
    current = correlation_id.get()
    if not current:
        return None
    return f"00-{_trace_id(current)}-{secrets.token_hex(8)}-01"


def correlation_from_traceparent(traceparent: str | None) -> str | None:
    if not traceparent:
        return None
    match = _TRACEPARENT.match(traceparent)
    return match.group(1) if match else None


def set_correlation_id(value: str | None) -> None:
    correlation_id.set(value)


def current_trace() -> tuple[str | None, str | None]:
    """The trace id and span id log lines carry: the current OpenTelemetry span's when
    tracing is on, else the trace id the current request's or event's correlation id is."""
    span = trace.get_current_span().get_span_context()
    if span.is_valid:
        return trace.format_trace_id(span.trace_id), trace.format_span_id(span.span_id)
    current = correlation_id.get()
    if not current:
        return None, None
    hexed = current.replace("-", "").lower()
    if re.fullmatch(r"[0-9a-f]{32}", hexed) and hexed != "0" * 32:
        return hexed, None
    return None, None
