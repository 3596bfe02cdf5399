"""Listens for PostgreSQL's notifications of API key changes, and makes the cache forget.

A connection of its own (``LISTEN`` belongs to one session, which a pool would lend to other
work). A closed connection is noticed at once; one that dies silently (a broken network) by
a probe every ``PROBE_SECONDS``. Either way the cache stops keeping answers until it listens
again, so a revocation is never missed: meanwhile every key is looked up.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from clearway_gateway.auth.key_cache import KeyCache

log = logging.getLogger(__name__)

CHANNEL = "clearway_api_keys"  # the trigger of migration 0002 notifies it
PROBE_SECONDS = 2.0
_RECONNECT_SECONDS = (0.1, 0.5, 1.0, 2.0, 5.0)


@asynccontextmanager
async def key_changes(cache: KeyCache, dsn: str) -> AsyncIterator[None]:
    """Keep ``cache`` told of key changes while the context is open."""
    task = asyncio.create_task(_listen_forever(cache, dsn))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _listen_forever(cache: KeyCache, dsn: str) -> None:
    failures = 0
    while True:
        try:
            connection = await asyncpg.connect(dsn, timeout=PROBE_SECONDS)
        except Exception as exc:  # down, restarting, refusing: try again later
            log.warning("cannot listen for API key changes (%s); looking every key up", exc)
            await asyncio.sleep(_RECONNECT_SECONDS[min(failures, len(_RECONNECT_SECONDS) - 1)])
            failures += 1
            continue
        failures = 0
        try:
            await _hear_until_lost(cache, connection)
        except Exception as exc:
            log.warning("stopped hearing API key changes (%s); looking every key up", exc)
        finally:
            cache.listening(False)
            connection.terminate()


async def _hear_until_lost(cache: KeyCache, connection: asyncpg.Connection) -> None:
    lost = asyncio.Event()
    connection.add_termination_listener(lambda _: lost.set())
    await connection.add_listener(CHANNEL, lambda *_: cache.forget_all())
    cache.listening(True)
    while True:
        try:
            await asyncio.wait_for(lost.wait(), PROBE_SECONDS)
        except TimeoutError:
            await connection.fetchval("SELECT 1", timeout=PROBE_SECONDS)  # raises if dead
        else:
            raise ConnectionError("the database closed the connection")
