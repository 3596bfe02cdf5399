"""Errors that decide what happens to an event or a request."""


class PermanentEventError(Exception):
    """This event can never be processed: dead-letter it with this message as the reason."""


class TransientError(Exception):
    """Try again later: the consumer retries the batch with backoff."""
