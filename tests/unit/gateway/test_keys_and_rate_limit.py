"""API key shape and hashing, and the per-key rate limit."""

from clearway_gateway.auth.keys import hash_secret, key_id_of, new_key
from clearway_gateway.auth.ratelimit import RateLimiter


def test_a_new_key_names_its_id_and_hashes_to_64_hex_digits() -> None:
    issued = new_key("6501234567")
    assert key_id_of(issued.secret) == issued.key_id
    assert len(hash_secret(issued.secret)) == 64
    assert new_key("6501234567").secret != issued.secret


def test_something_not_shaped_like_a_key_has_no_id() -> None:
    assert key_id_of("password123") is None
    assert key_id_of("cwk_abc_short") is None


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_the_caller_is_told_when_to_retry() -> None:
    clock = FakeMonotonic()
    limiter = RateLimiter(per_second=1, burst=3, monotonic=clock)
    assert [limiter.retry_after("k") for _ in range(3)] == [None, None, None]
    assert limiter.retry_after("k") == 1
    assert limiter.retry_after("other key") is None
    clock.now += 1
    assert limiter.retry_after("k") is None
