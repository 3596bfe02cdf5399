"""Exit per declaration or per vehicle."""

import pytest

from clearway_release.exits.models import AlreadyExited, ExitPlan, UnknownVehicle, plan_exit

A, B, C = "LSGKB54E8PS00000A", "LSGKB54E8PS00000B", "LSGKB54E8PS00000C"


def test_confirming_the_declaration_exits_every_vehicle_not_yet_gone() -> None:
    assert plan_exit(declared=[A, B, C], exited={A}, requested=None) == ExitPlan((B, C), True)


def test_a_declaration_without_vehicles_exits_as_a_whole() -> None:
    assert plan_exit(declared=[], exited=set(), requested=None) == ExitPlan((), True)


def test_a_partial_exit_is_complete_only_with_the_last_vehicle() -> None:
    assert plan_exit(declared=[A, B, C], exited=set(), requested=[A]) == ExitPlan((A,), False)
    assert plan_exit(declared=[A, B, C], exited={A}, requested=[C, B, C]) == ExitPlan((C, B), True)


def test_a_vehicle_not_declared_is_named_by_its_position() -> None:
    with pytest.raises(UnknownVehicle) as unknown:
        plan_exit(declared=[A, B], exited=set(), requested=[A, C])
    assert unknown.value.index == 1


def test_a_vehicle_cannot_exit_twice() -> None:
    with pytest.raises(AlreadyExited) as again:
        plan_exit(declared=[A, B], exited={A}, requested=[A, B])
    assert again.value.vins == (A,)
