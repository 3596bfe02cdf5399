"""From an event type name to its payload model, for every event Clearway publishes."""

from clearway_contracts.events import declaration, inspection, release
from clearway_contracts.events.base import EventPayload


class UnknownEventType(LookupError):
    pass


def _all_payload_classes() -> list[type[EventPayload]]:
    found: list[type[EventPayload]] = []
    for module in (declaration, inspection, release):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, EventPayload)
                and "event_type" in value.__dict__
            ):
                found.append(value)
    return found


EVENT_TYPES: dict[str, type[EventPayload]] = {cls.event_type: cls for cls in _all_payload_classes()}

TOPICS: tuple[str, ...] = (declaration.TOPIC, inspection.TOPIC, release.TOPIC)


def model_for(event_type: str) -> type[EventPayload]:
    try:
        return EVENT_TYPES[event_type]
    except KeyError:
        raise UnknownEventType(event_type) from None
