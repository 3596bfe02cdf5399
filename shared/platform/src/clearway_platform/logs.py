"""JSON logs, one object per line: ISO 8601 UTC time, the request id and the trace id.

Every line names its service, its level and logger, the request id (``X-Request-ID``, or the
correlation id a consumer restored from the event it handles) and the trace id and span id of
the current OpenTelemetry span (or the trace id the request id stands for, when tracing is
off). Nothing in a line is coloured: uvicorn's ``color_message`` (the same text with ANSI
escapes) is dropped. ``log_format="text"`` gives one readable line per record for a terminal.
"""

import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any, Literal

from asgi_correlation_id.context import correlation_id
from pythonjsonlogger.json import JsonFormatter

from clearway_platform.correlation import current_trace

LogFormat = Literal["json", "text"]

_TEXT = "%(asctime)s %(levelname)-7s %(name)s [%(request_id)s %(trace_id)s] %(message)s"


def iso_utc(created: float) -> str:
    """``2026-12-01T02:58:12.411Z``: what log shippers and people in any zone read alike."""
    moment = datetime.fromtimestamp(created, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Context(logging.Filter):
    """Adds the request id, trace id and span id to every record; drops ``color_message``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.__dict__.pop("color_message", None)
        record.request_id = correlation_id.get() or "-"
        trace_id, span_id = current_trace()
        record.trace_id = trace_id or "-"
        record.span_id = span_id or "-"
        return True


class UtcJsonFormatter(JsonFormatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return iso_utc(record.created)


class UtcTextFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return iso_utc(record.created)


def formatter(service: str, log_format: LogFormat = "json") -> logging.Formatter:
    if log_format == "text":
        return UtcTextFormatter(_TEXT)
    return UtcJsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(trace_id)s %(span_id)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        static_fields={"service": service},
    )


def configure_logging(*, service: str, level: str = "INFO", log_format: LogFormat = "json") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(Context())
    handler.addFilter(Throttle("aiokafka"))
    handler.setFormatter(formatter(service, log_format))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiokafka", "uvicorn.access"):
        logging.getLogger(noisy).setLevel("WARNING")
    logging.getLogger(ACCESS_LOGGER).setLevel("INFO")

    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True


ACCESS_LOGGER = "clearway.access"
access_log = logging.getLogger(ACCESS_LOGGER)


def log_access(fields: dict[str, Any]) -> None:
    """One line per HTTP request (``clearway_platform.web.access``), its facts as JSON fields."""
    access_log.info(
        "%s %s %s %.1f ms",
        fields["method"],
        fields["path"],
        fields["status"],
        fields["duration_ms"],
        extra=fields,
    )


class Throttle(logging.Filter):
    """Lets the same message of the loggers under ``prefix`` through once per ``seconds``.

    While the Kafka broker is down, aiokafka logs the same connection error thousands of
    times a second; on 2 cores that flood competes with the broker trying to come back.
    """

    def __init__(self, prefix: str, seconds: float = 10.0) -> None:
        super().__init__()
        self._prefix = prefix
        self._seconds = seconds
        self._last: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(self._prefix):
            return True
        key = (record.name, str(record.msg))
        now = time.monotonic()
        if now - self._last.get(key, -self._seconds) < self._seconds:
            return False
        self._last[key] = now
        return True
