"""What the gateway's one consumer (role ``statistics``) does with each event: it feeds the
statistics read model (ADR 0020) and the declarants' event feed (ADR 0031) in the same
transaction, under one inbox."""

from clearway_gateway.feed.handlers import handlers as feed_handlers
from clearway_gateway.statistics.handlers import handlers as statistics_handlers
from clearway_platform.handlers import EventHandlers


def handlers() -> EventHandlers:
    consumed = statistics_handlers()
    consumed.include(feed_handlers())
    return consumed
