"""The dead-letter topic of a service, for the people on call: list, show, replay.

A consumer dead-letters what it can never process (``clearway_platform.inbox``): the record
as it came, plus headers saying why (``dlq_reason``), where it came from (``dlq_topic``,
``dlq_partition``, ``dlq_offset``) and who gave up (``dlq_consumer``). Once the cause is fixed
(a missing reference row added, a bug deployed away), a replay sends the record back to the
topic it came from, unchanged: same key, same CloudEvents headers, so the same event id, and
the consumer's inbox applies it once however often it is replayed. Every consumer of that
topic sees it again; those that processed it already skip it as a duplicate.

Reading a ``.dlq`` and writing another service's topic are beyond a service's own principal
(``clearway_contracts.events.topology``), on purpose: the command runs as a principal that may
(the operators' or the cluster's admin user), given in the service's usual Kafka settings.
"""

import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError, TopicAuthorizationFailedError

from clearway_contracts.dlq import DLQ_HEADERS, REPLAYED_FROM
from clearway_platform.kafka import connection_options
from clearway_platform.settings import ServiceSettings


class DlqError(Exception):
    """What went wrong, in words an operator can act on."""


@dataclass(frozen=True)
class DeadLetter:
    position: str  # "<partition>:<offset>" on the .dlq topic
    dead_lettered_at: str
    event_id: str | None
    event_type: str | None
    source: str | None
    subject: str | None
    topic: str  # where it came from, and where a replay sends it
    partition: int | None
    offset: int | None
    consumer: str | None
    reason: str
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]

    def matches(self, wanted: str) -> bool:
        """``wanted`` is its event id or its position on the .dlq topic."""
        return wanted in (self.event_id, self.position)

    def summary(self) -> dict[str, Any]:
        found = asdict(self)
        for raw in ("key", "value", "headers"):
            del found[raw]
        return found

    def details(self) -> dict[str, Any]:
        shown = self.summary()
        shown["key"] = _text(self.key)
        shown["headers"] = {name: _text(value) for name, value in self.headers}
        try:
            shown["data"] = json.loads(self.value or b"")
        except ValueError:
            shown["data"] = _text(self.value)
        return shown


def _text(raw: bytes | None) -> str | None:
    return None if raw is None else raw.decode(errors="replace")


def _dead_letter(record: ConsumerRecord[bytes, bytes]) -> DeadLetter:
    headers = {name: value.decode(errors="replace") for name, value in record.headers}

    def number(name: str) -> int | None:
        value = headers.get(name, "")
        return int(value) if value.isdigit() else None

    return DeadLetter(
        position=f"{record.partition}:{record.offset}",
        dead_lettered_at=datetime.fromtimestamp(record.timestamp / 1000, UTC).isoformat(
            timespec="seconds"
        ),
        event_id=headers.get("ce_id"),
        event_type=headers.get("ce_type"),
        source=headers.get("ce_source"),
        subject=headers.get("ce_subject"),
        topic=headers.get("dlq_topic", ""),
        partition=number("dlq_partition"),
        offset=number("dlq_offset"),
        consumer=headers.get("dlq_consumer"),
        reason=headers.get("dlq_reason", "(no reason recorded)"),
        key=record.key,
        value=record.value,
        headers=tuple(record.headers),
    )


async def _behind(consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int]) -> bool:
    """Whether any partition has records before ``ends`` still to read."""
    for partition, end in ends.items():
        if await consumer.position(partition) < end:
            return True
    return False


class DeadLetters:
    """One service's .dlq topic, read as the principal its settings name."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.topic = settings.dead_letter_topic

    async def read(self) -> list[DeadLetter]:
        """Every record on the topic now, oldest first per partition (no group, no commit)."""
        consumer = AIOKafkaConsumer(
            **self._options(),
            client_id=f"{self.settings.service_name}-dlq",
            enable_auto_commit=False,
            isolation_level="read_committed",
        )
        try:
            await consumer.start()
            partitions = consumer.partitions_for_topic(self.topic)
            if partitions is None:
                partitions = await self._partitions(consumer)
            assigned = [TopicPartition(self.topic, p) for p in sorted(partitions)]
            consumer.assign(assigned)
            await consumer.seek_to_beginning(*assigned)
            ends = await consumer.end_offsets(assigned)
            letters: list[DeadLetter] = []
            while await _behind(consumer, ends):
                batches = await consumer.getmany(*assigned, timeout_ms=1000)
                for tp, records in batches.items():
                    letters += [_dead_letter(r) for r in records if r.offset < ends[tp]]
            return letters
        except TopicAuthorizationFailedError:
            raise self._refused("read") from None
        except KafkaError as exc:
            raise DlqError(f"cannot read {self.topic} at {self._where()}: {exc!r}") from None
        finally:
            await consumer.stop()

    async def find(self, wanted: str) -> list[DeadLetter]:
        """The dead letters with event id (or .dlq position) ``wanted``; refuses none."""
        letters = await self.read()
        found = [letter for letter in letters if letter.matches(wanted)]
        if not found:
            raise DlqError(
                f"no dead letter {wanted!r} on {self.topic} ({len(letters)} records there): "
                "give an event id or a partition:offset that `dlq list` shows"
            )
        return found

    async def replay(
        self, letters: Sequence[DeadLetter], progress: Callable[[str], None] = print
    ) -> int:
        """Send each letter back to its topic as it came; returns how many the broker acked.

        One record per event id (the last dead-lettered), since the inbox would skip the rest.
        """
        latest = {(letter.event_id or letter.position): letter for letter in letters}
        chosen = list(latest.values())
        missing = [letter.position for letter in chosen if not letter.topic]
        if missing:
            raise DlqError(f"no dlq_topic header on {', '.join(missing)}: cannot tell where to")
        producer = AIOKafkaProducer(
            **self._options(),
            client_id=f"{self.settings.service_name}-dlq-replay",
            enable_idempotence=True,
            acks="all",
        )
        total = len(chosen)
        progress(f"replaying {total} dead letter(s) from {self.topic}")
        try:
            await producer.start()
            sent = [
                (
                    letter,
                    await producer.send(
                        letter.topic,
                        value=letter.value,
                        key=letter.key,
                        headers=_replayed_headers(letter, self.topic),
                    ),
                )
                for letter in chosen
            ]
            for done, (letter, delivery) in enumerate(sent, start=1):
                await delivery
                progress(
                    f"[{done}/{total}] {letter.event_id} {letter.event_type} -> {letter.topic}"
                )
        except TopicAuthorizationFailedError:
            raise self._refused("write the original topics for") from None
        except KafkaError as exc:
            raise DlqError(f"replay to {self._where()} failed: {exc!r}") from None
        finally:
            await producer.stop()
        progress(f"replayed {total}; each consumer's inbox applies an event once")
        return total

    async def _partitions(self, consumer: AIOKafkaConsumer) -> set[int]:
        # The metadata of a topic not yet known to this client: ask for it once.
        await consumer._client.force_metadata_update()  # aiokafka has no public call for it
        partitions: set[int] | None = consumer.partitions_for_topic(self.topic)
        if not partitions:
            raise DlqError(
                f"{self.topic} does not exist at {self._where()}, or "
                f"{self.settings.kafka_username!r} may not describe it"
            )
        return partitions

    def _options(self) -> dict[str, Any]:
        try:
            return connection_options(self.settings)
        except ValueError as exc:
            raise DlqError(str(exc)) from None

    def _where(self) -> str:
        return self.settings.kafka_bootstrap_servers

    def _refused(self, what: str) -> DlqError:
        user = self.settings.kafka_username
        return DlqError(
            f"Kafka refused {user!r} to {what} {self.topic}: a service's own principal may not, "
            "on purpose. Run this as the operators' principal (the admin user): set "
            f"{self.settings.env_name('kafka_username')} and "
            f"{self.settings.env_name('kafka_password')} for this command"
        )


def _replayed_headers(letter: DeadLetter, dlq_topic: str) -> list[tuple[str, bytes]]:
    kept = [(name, value) for name, value in letter.headers if name not in DLQ_HEADERS]
    return [*kept, (REPLAYED_FROM, f"{dlq_topic}:{letter.position}".encode())]


def print_list(letters: Sequence[DeadLetter], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps([letter.summary() for letter in letters], indent=2))
        return
    if not letters:
        print("no dead letters")
        return
    for letter in letters:
        reason = letter.reason if len(letter.reason) <= 100 else letter.reason[:97] + "..."
        print(
            f"{letter.position:>8}  {letter.dead_lettered_at}  {letter.event_id}  "
            f"{letter.event_type}  from {letter.topic}  {reason}"
        )
    print(f"{len(letters)} dead letter(s)")


async def run(settings: ServiceSettings, args: Any) -> int:
    """``dlq list|show ID|replay ID|replay --all`` for ``settings``' service."""
    letters = DeadLetters(settings)
    if args.dlq_command == "list":
        print_list(await letters.read(), as_json=args.json)
    elif args.dlq_command == "show":
        for letter in await letters.find(args.id):
            print(json.dumps(letter.details(), indent=2, default=str))
    elif args.all:
        everything = await letters.read()
        if not everything:
            print(f"no dead letters on {letters.topic}: nothing to replay")
            return 0
        await letters.replay(everything)
    elif args.id:
        await letters.replay(await letters.find(args.id))
    else:
        raise DlqError("replay what? give an event id (or partition:offset), or --all")
    return 0


def command(settings: ServiceSettings, args: Any) -> int:
    try:
        return asyncio.run(run(settings, args))
    except DlqError as exc:
        print(f"{settings.service_name} dlq: {exc}", file=sys.stderr)
        return 1
