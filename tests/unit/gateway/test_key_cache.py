"""The API key cache keeps answers only while it hears of changes, and forgets on a change."""

import asyncio

from clearway_gateway.auth.key_cache import KeyCache
from clearway_gateway.auth.keys import KeyHolder

HOLDER = KeyHolder(key_id="k1", declarant="6501234567", aeo_level="registered")


class Database:
    def __init__(self) -> None:
        self.holders = {"hash": HOLDER}
        self.lookups = 0

    async def lookup(self, secret_hash: str) -> KeyHolder | None:
        self.lookups += 1
        await asyncio.sleep(0)
        return self.holders.get(secret_hash)


async def test_a_key_is_looked_up_once_while_listening() -> None:
    database = Database()
    cache = KeyCache(database.lookup)
    cache.listening(True)
    assert await cache.holder("hash") == HOLDER
    assert await cache.holder("hash") == HOLDER
    assert database.lookups == 1


async def test_a_change_is_seen_at_once() -> None:
    database = Database()
    cache = KeyCache(database.lookup)
    cache.listening(True)
    await cache.holder("hash")
    del database.holders["hash"]  # revoked
    cache.forget_all()  # the notification
    assert await cache.holder("hash") is None


async def test_nothing_is_kept_when_not_listening() -> None:
    database = Database()
    cache = KeyCache(database.lookup)
    await cache.holder("hash")
    await cache.holder("hash")
    assert database.lookups == 2


async def test_a_lookup_overlapping_a_change_is_not_kept() -> None:
    database = Database()
    cache = KeyCache(database.lookup)
    cache.listening(True)
    lookup = asyncio.create_task(cache.holder("hash"))
    await asyncio.sleep(0)  # the lookup has read the key, still active
    cache.forget_all()  # ...and then it is revoked
    assert await lookup == HOLDER
    await cache.holder("hash")
    assert database.lookups == 2


async def test_unknown_keys_are_not_kept() -> None:
    database = Database()
    cache = KeyCache(database.lookup)
    cache.listening(True)
    assert await cache.holder("made-up") is None
    assert await cache.holder("made-up") is None
    assert database.lookups == 2
