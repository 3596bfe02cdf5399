"""The outbox relay's position on Kafka: which outbox rows its last committed transaction held.

Each Kafka transaction of the relay carries, beside the events, one record on the service's
compacted position topic (keyed by the relay's transactional id) naming the outbox ids it
publishes. It commits or aborts with them, so the latest committed record says exactly which
rows Kafka has, even when the relay died before marking them in PostgreSQL (ADR 0028).

The ids, not only the highest: outbox ids come from a sequence and commit out of order, so a
row below the highest published one may still be unpublished.
"""

import asyncio
import json
from collections.abc import Iterable, Sequence

from aiokafka import TopicPartition

from clearway_platform.kafka import create_position_reader
from clearway_platform.settings import ServiceSettings

_TAIL = 64  # offsets read back first: a record and a marker per transaction, aborted ones too


def encode(ids: Sequence[int]) -> bytes:
    """``ids`` as runs of consecutive ids (a batch is mostly one run)."""
    runs: list[list[int]] = []
    for outbox_id in sorted(ids):
        if runs and runs[-1][1] + 1 == outbox_id:
            runs[-1][1] = outbox_id
        else:
            runs.append([outbox_id, outbox_id])
    return json.dumps({"ids": runs}, separators=(",", ":")).encode()


def decode(value: bytes) -> list[int]:
    runs: Iterable[list[int]] = json.loads(value)["ids"]
    return [outbox_id for first, last in runs for outbox_id in range(first, last + 1)]


async def read_last(settings: ServiceSettings, *, timeout: float = 30.0) -> list[int]:
    """The outbox ids of the relay's last committed transaction; empty if it has none.

    Call it after the relay's producer has started: that fenced every earlier producer of
    the transactional id and completed or aborted its transaction, so nothing of the
    relay's is still in doubt when this reads up to the last stable offset."""
    reader = create_position_reader(settings)
    partition = TopicPartition(settings.relay_position_topic, 0)
    key = settings.relay_transactional_id.encode()
    await reader.start()
    try:
        reader.assign([partition])
        async with asyncio.timeout(timeout):
            first = (await reader.beginning_offsets([partition]))[partition]
            end = (await reader.end_offsets([partition]))[partition]  # read_committed: the LSO
            tail = _TAIL
            while True:
                start = max(first, end - tail)
                reader.seek(partition, start)
                last: bytes | None = None
                while await reader.position(partition) < end:
                    fetched = await reader.getmany(partition, timeout_ms=500)
                    for record in fetched.get(partition, []):
                        if record.offset < end and record.key == key and record.value:
                            last = record.value
                if last is not None:
                    return decode(last)
                if start == first:
                    return []
                tail *= 4
    finally:
        await reader.stop()
