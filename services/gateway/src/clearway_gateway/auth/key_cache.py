"""Who holds an API key, answered from memory; forgotten the moment the keys change.

Every forwarder request presents an API key. Looking it up in PostgreSQL on every request
was the gateway's bottleneck (a session, a pool ping, BEGIN, the query and ROLLBACK: four
round trips on a machine whose cores PostgreSQL shares). One plain query per request would
cost one round trip and PostgreSQL CPU on every read; this cache costs none after the first
request of a key.

Revocation stays immediate. A trigger on ``api_keys`` and ``declarants`` sends a
``NOTIFY`` in the same transaction as the change (migration 0002), and PostgreSQL delivers
it the moment that transaction commits; ``key_changes`` listens and calls ``forget_all``.
Revocations are rare, so any change forgets every key: nothing to get wrong per key.

The cache is only trusted while the notifications can arrive: until ``key_changes`` is
listening, and from the moment its connection fails, every request looks its key up. A
lookup that overlapped a change is used for its request but not kept, so an answer read
before a revocation never outlives it. Only keys that exist are kept (a new key works at
once; nobody fills memory with made-up keys), at most ``max_keys`` of them.
"""

from collections.abc import Awaitable, Callable

from clearway_gateway.auth.keys import KeyHolder

Lookup = Callable[[str], Awaitable[KeyHolder | None]]


class KeyCache:
    def __init__(self, lookup: Lookup, *, max_keys: int = 10_000) -> None:
        self._lookup = lookup
        self._max_keys = max_keys
        self._holders: dict[str, KeyHolder] = {}
        self._changes_seen = 0
        self._listening = False

    async def holder(self, secret_hash: str) -> KeyHolder | None:
        """The active key's holder, or None for an unknown or revoked key."""
        if (known := self._holders.get(secret_hash)) is not None:
            return known
        changes_before = self._changes_seen
        found = await self._lookup(secret_hash)
        if found is not None and self._listening and self._changes_seen == changes_before:
            if len(self._holders) >= self._max_keys:
                self._holders.clear()
            self._holders[secret_hash] = found
        return found

    def forget_all(self) -> None:
        """Keys changed (or may have, unseen): look every key up again."""
        self._changes_seen += 1
        self._holders.clear()

    def listening(self, listening: bool) -> None:
        """Whether key changes are being heard now; only then may answers be kept."""
        self._listening = listening
        self.forget_all()
