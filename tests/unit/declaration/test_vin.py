from clearway_declaration.declarations.vin import check_digit, vin_problem
from tests.support.samples.bodies import REAL_VINS


def test_real_vins_are_valid() -> None:
    for vin in REAL_VINS:
        assert vin_problem(vin) is None


def test_check_digit_ten_is_written_x() -> None:
    assert check_digit("1M8GDM9AXKP042788") == "X"


def test_a_wrong_check_digit_names_the_right_one() -> None:
    assert vin_problem("1HGCM82643A004352") == "check digit (9th character) should be 3"


def test_european_vin_without_check_digit_is_refused() -> None:
    # Porsche fills position 9 with "Z"; China requires the check digit (GB 16735).
    assert vin_problem("WP0ZZZ99ZTS392124") == "check digit (9th character) should be 8"


def test_length_and_letters() -> None:
    assert vin_problem("1HGCM82633A00435") == "a VIN has 17 characters"
    assert vin_problem("1HGCM82633A00435O") is not None  # O is never used
    assert vin_problem("1hgcm82633a004352") is not None
