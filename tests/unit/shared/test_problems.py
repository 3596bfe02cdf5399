import pytest

from clearway_contracts.problems import field_path
from clearway_platform.domain_errors import InvalidInput
from clearway_platform.pagination import decode_cursor, encode_cursor
from clearway_platform.web.problems import problem_for


def test_field_paths_point_at_the_exact_input() -> None:
    assert field_path(("body", "items", 2, "vehicle", "vin")) == "items[2].vehicle.vin"
    assert field_path(("query", "limit")) == "limit"
    assert field_path(()) == "(request)"


def test_a_cursor_round_trips_and_a_forged_one_is_a_clear_error() -> None:
    cursor = encode_cursor({"created_at": "2026-11-23T08:00:00Z", "id": "abc"})
    assert decode_cursor(cursor) == {"created_at": "2026-11-23T08:00:00Z", "id": "abc"}
    with pytest.raises(InvalidInput) as refused:
        decode_cursor("%%%not-a-cursor")
    problem = problem_for(refused.value)
    assert problem.status == 422
    assert problem.errors[0].field == "cursor"
