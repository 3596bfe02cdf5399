"""Errors that decide what happens to an event or a request."""

import asyncpg
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# serialization failure, deadlock, lock not available, admin/crash shutdown, cannot connect now
TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03", "57P01", "57P02", "57P03"}


class PermanentEventError(Exception):
    """This event can never be processed: dead-letter it with this message as the reason."""


class TransientError(Exception):
    """Try again later: the consumer retries the batch with backoff."""


def is_transient(error: BaseException) -> bool:
    """Errors worth retrying forever: the infrastructure, not the event, is at fault.

    Knows SQLAlchemy's errors and asyncpg's own (raised where hot paths use asyncpg directly).
    """
    if isinstance(error, asyncpg.InterfaceError | asyncpg.PostgresConnectionError):
        return True  # the connection is closed, lost or in a bad state
    if isinstance(error, asyncpg.PostgresError):
        return error.sqlstate in TRANSIENT_SQLSTATES
    if isinstance(
        error, TransientError | OperationalError | InterfaceError | OSError | TimeoutError
    ):
        return True
    if isinstance(error, DBAPIError):
        sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
        return bool(error.connection_invalidated or sqlstate in TRANSIENT_SQLSTATES)
    return False
