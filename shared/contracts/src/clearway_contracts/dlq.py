"""The headers a dead letter carries beside the original record's: part of the wire contract,
since operators' tools and the AsyncAPI document read them too."""

DLQ_HEADER_DESCRIPTIONS: dict[str, str] = {
    "dlq_reason": "why the consumer gave up (truncated to 4,000 characters)",
    "dlq_topic": "the topic the record was read from",
    "dlq_partition": "its partition there",
    "dlq_offset": "its offset there",
    "dlq_consumer": "the CloudEvents source of the service that gave up",
}
DLQ_HEADERS = tuple(DLQ_HEADER_DESCRIPTIONS)
REPLAYED_FROM = "dlq_replayed_from"  # on a replayed record: the dead letter it came from
