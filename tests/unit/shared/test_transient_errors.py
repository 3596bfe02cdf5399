"""Which failures are the infrastructure's (retry) and which the event's or request's."""

import asyncpg
from sqlalchemy.exc import IntegrityError, OperationalError

from clearway_platform.errors import TransientError, is_transient


def test_lost_connections_deadlocks_and_restarts_are_transient() -> None:
    assert is_transient(TransientError("later"))
    assert is_transient(OperationalError("SELECT 1", {}, ConnectionRefusedError()))
    assert is_transient(asyncpg.exceptions.DeadlockDetectedError("deadlock"))
    assert is_transient(asyncpg.exceptions.CannotConnectNowError("the database is starting up"))
    assert is_transient(asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"))


def test_a_broken_rule_or_a_bug_is_not() -> None:
    assert not is_transient(asyncpg.exceptions.UniqueViolationError("duplicate key"))
    assert not is_transient(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not is_transient(KeyError("status"))
