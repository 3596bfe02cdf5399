from datetime import UTC, datetime

import pytest

from clearway_declaration.declarations.models import customs_number


def test_eighteen_digits_office_year_export_flag_sequence() -> None:
    number = customs_number(
        office="8021", accepted_at=datetime(2026, 3, 1, tzinfo=UTC), sequence=42
    )
    assert number == "802120260000000042"


def test_the_year_is_beijing_time() -> None:
    new_year_in_beijing = datetime(2025, 12, 31, 17, 0, tzinfo=UTC)
    assert customs_number(office="8601", accepted_at=new_year_in_beijing, sequence=1)[4:8] == "2026"


def test_sequence_must_fit_nine_digits() -> None:
    with pytest.raises(ValueError):
        customs_number(office="8021", accepted_at=datetime.now(UTC), sequence=10**9)
