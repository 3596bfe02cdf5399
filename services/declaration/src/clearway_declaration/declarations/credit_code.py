"""China's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the
last a check character over the first 17 (weights 3^i mod 31, alphabet without I O S V Z)."""

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = tuple(pow(3, position, 31) for position in range(17))


def check_character(code: str) -> str:
    """The check character the first 17 characters of ``code`` call for."""
    total = sum(_ALPHABET.index(char) * w for char, w in zip(code[:17], _WEIGHTS, strict=True))
    return _ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a unified social credit code, or None when it is one."""
    if len(code) != 18 or any(char not in _ALPHABET for char in code):
        return "a unified social credit code has 18 digits and capitals other than I O S V Z"
    expected = check_character(code)
    if code[17] != expected:
        return f"check character (18th) should be {expected} (GB 32100)"
    return None
