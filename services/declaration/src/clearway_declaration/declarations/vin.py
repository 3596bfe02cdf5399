"""Vehicle identification numbers: ISO 3779, with the check digit of GB 16735 / 49 CFR 565."""

import re

_SHAPE = re.compile(r"[A-HJ-NPR-Z0-9]{17}")  # I, O and Q are never used
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_LETTER_VALUES = dict(
    zip(
        "ABCDEFGHJKLMNPRSTUVWXYZ",
        (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9),
        strict=True,
    )
)


def check_digit(vin: str) -> str:
    """The check digit a 17-character VIN must carry at position 9 ('X' stands for 10)."""
    total = sum(_value(char) * weight for char, weight in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_problem(vin: str) -> str | None:
    """Why ``vin`` is not a valid VIN, or None when it is."""
    if len(vin) != 17:
        return "a VIN has 17 characters"
    if not _SHAPE.fullmatch(vin):
        return "a VIN has only digits and capital letters other than I, O and Q"
    expected = check_digit(vin)
    if vin[8] != expected:
        return f"check digit (9th character) should be {expected}"
    return None


def _value(char: str) -> int:
    return int(char) if char.isdigit() else _LETTER_VALUES[char]


# ISO 3779 / GB 16735: the 10th character codes the model year in a 30-year cycle from 1980.
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"


def model_years(vin: str) -> tuple[int, ...]:
    """The model years (1980-2100) the VIN's 10th character stands for; () when it codes none."""
    if len(vin) != 17 or vin[9] not in _YEAR_CODES:
        return ()
    first = 1980 + _YEAR_CODES.index(vin[9])
    return tuple(range(first, 2101, 30))
