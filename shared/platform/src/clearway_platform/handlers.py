"""Which function handles which event type, for one service's consumer."""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from clearway_contracts.events.base import EventPayload
from clearway_contracts.events.envelope import Envelope
from clearway_platform.uow import UnitOfWork

P = TypeVar("P", bound=EventPayload)
Handler = Callable[[UnitOfWork, Any, Envelope], Awaitable[None]]


class EventHandlers:
    def __init__(self) -> None:
        self._by_type: dict[str, tuple[type[EventPayload], Handler]] = {}

    def on(
        self, payload_class: type[P]
    ) -> Callable[[Callable[[UnitOfWork, P, Envelope], Awaitable[None]]], Handler]:
        def register(handler: Callable[[UnitOfWork, P, Envelope], Awaitable[None]]) -> Handler:
            if payload_class.event_type in self._by_type:
                raise ValueError(f"{payload_class.event_type} already has a handler")
            self._by_type[payload_class.event_type] = (payload_class, handler)
            return handler

        return register

    def include(self, other: "EventHandlers") -> None:
        """Add ``other``'s handlers: an event type both handle runs ours, then theirs, in the
        same unit of work (one consumer, one inbox, several read models)."""
        for event_type, (payload_class, theirs) in other._by_type.items():
            mine = self._by_type.get(event_type)
            self._by_type[event_type] = (
                payload_class,
                theirs if mine is None else _both(mine[1], theirs),
            )

    def lookup(self, event_type: str) -> tuple[type[EventPayload], Handler] | None:
        return self._by_type.get(event_type)

    @property
    def topics(self) -> set[str]:
        return {payload_class.topic for payload_class, _ in self._by_type.values()}


def _both(first: Handler, second: Handler) -> Handler:
    async def both(uow: UnitOfWork, event: Any, envelope: Envelope) -> None:
        await first(uow, event, envelope)
        await second(uow, event, envelope)

    return both
