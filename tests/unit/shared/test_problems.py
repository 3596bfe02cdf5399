import pytest

from clearway_contracts.problems import Problem, field_path
from clearway_platform.pagination import decode_cursor, encode_cursor


def test_field_paths_point_at_the_exact_input() -> None:
    assert field_path(("body", "items", 2, "vehicle", "vin")) == "items[2].vehicle.vin"
    assert field_path(("query", "limit")) == "limit"
    assert field_path(()) == "(request)"


def test_a_cursor_round_trips_and_a_forged_one_is_a_clear_error() -> None:
    cursor = encode_cursor({"created_at": "2026-11-23T08:00:00Z", "id": "abc"})
    assert decode_cursor(cursor) == {"created_at": "2026-11-23T08:00:00Z", "id": "abc"}
    with pytest.raises(Problem) as refused:
        decode_cursor("%%%not-a-cursor")
    assert refused.value.status == 422
    assert refused.value.errors[0].field == "cursor"
