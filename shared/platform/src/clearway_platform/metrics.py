"""Prometheus metrics every service exposes on /metrics."""

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "clearway_http_requests_total", "HTTP requests served", ["method", "route", "status"]
)
HTTP_SECONDS = Histogram(
    "clearway_http_request_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
OUTBOX_PUBLISHED = Counter("clearway_outbox_published_total", "Outbox rows published to Kafka")
OUTBOX_BATCH_SECONDS = Histogram(
    "clearway_outbox_batch_seconds", "Time to publish one outbox batch"
)
OUTBOX_PENDING = Gauge(
    "clearway_outbox_pending", "Outbox rows not yet published, by service", ["service"]
)
OUTBOX_OLDEST_SECONDS = Gauge(
    "clearway_outbox_oldest_pending_seconds",
    "Age of the oldest outbox row not yet published (0 when none), by service",
    ["service"],
)
EVENTS_CONSUMED = Counter(
    "clearway_events_consumed_total",
    "Events consumed, by type and result (processed, duplicate, ignored, dead_lettered)",
    ["event_type", "result"],
)
CONSUMER_BATCH_SECONDS = Histogram(
    "clearway_consumer_batch_seconds", "Time to process and commit one consumed batch"
)
CONSUMER_RETRIES = Counter(
    "clearway_consumer_retries_total", "Consumed batches retried after a transient error"
)
CONSUMER_LAG = Gauge(
    "clearway_consumer_lag",
    "Records on a partition the service's consumer group has not consumed yet (high "
    "watermark minus position)",
    ["service", "topic", "partition"],
)
DLQ_PUBLISHED = Counter(
    "clearway_dlq_published",
    "Records dead-lettered to the service's .dlq topic, by the topic they came from",
    ["service", "topic"],
)
