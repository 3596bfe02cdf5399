"""The VIN check the declaration service makes (ISO 3779, check digit of GB 16735), made here
too so that a manifest split over several declarations is refused whole, before any is lodged.
The declaration service stays the authority: it checks every VIN again."""

import re

_SHAPE = re.compile(r"[A-HJ-NPR-Z0-9]{17}")  # I, O and Q are never used
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VALUES = dict(
    zip("ABCDEFGHJKLMNPRSTUVWXYZ", (*range(1, 9), *range(1, 6), 7, 9, *range(2, 10)), strict=True)
)


def vin_problem(vin: str) -> str | None:
    """Why ``vin`` is not a valid VIN, or None when it is."""
    if len(vin) != 17:
        return "a VIN has 17 characters"
    if not _SHAPE.fullmatch(vin):
        return "a VIN has only digits and capital letters other than I, O and Q"
    total = sum(
        (int(char) if char.isdigit() else _VALUES[char]) * weight
        for char, weight in zip(vin, _WEIGHTS, strict=True)
    )
    expected = "X" if total % 11 == 10 else str(total % 11)
    if vin[8] != expected:
        return f"check digit (9th character) should be {expected}"
    return None
