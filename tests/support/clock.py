"""A clock that runs with real time but can be moved ahead, for end-to-end tests."""

from datetime import UTC, datetime, timedelta


class ShiftClock:
    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta
