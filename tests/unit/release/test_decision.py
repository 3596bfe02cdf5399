"""The release decision: release, refuse or wait, whatever order the facts arrive in."""

from collections.abc import Callable
from itertools import permutations

import pytest

from clearway_contracts.events.common import DeclarationStatus, Lane, Outcome, Reason
from clearway_release.cases.models import (
    Case,
    CheckFact,
    CheckKind,
    DecisionInForce,
    LaneFact,
    NotInForce,
    Refusal,
    Release,
    Status,
    Step,
)
from tests.support.samples import facts as samples

FAILED_BRAKES = Reason(code="brakes", text="brake lines cut")


def new_case() -> Case:
    return Case(declaration_id=samples.declaration_id())


def accepted(case: Case) -> Case:
    return case.with_declaration(samples.local(), risk_relevant=True)


Learn = Callable[[Case], Case]


def lane(colour: Lane, revision: int = 1) -> Learn:
    return lambda case: case.with_lane(LaneFact(lane=colour, revision=revision))


def check(kind: CheckKind, outcome: Outcome, revision: int = 1) -> Learn:
    reasons = (FAILED_BRAKES,) if outcome is Outcome.FAILED else ()
    fact = CheckFact(kind=kind, outcome=outcome, revision=revision, reasons=reasons)
    return lambda case: case.with_check(fact)


def test_a_green_accepted_declaration_is_released_by_its_release_office() -> None:
    case = lane(Lane.GREEN)(accepted(new_case()))
    assert case.decide() == Release(office="8021")


def test_nothing_is_decided_before_the_declaration_is_known() -> None:
    assert lane(Lane.GREEN)(new_case()).decide() is None


@pytest.mark.parametrize(
    ("colour", "kind"), [(Lane.YELLOW, CheckKind.DOCUMENTS), (Lane.RED, CheckKind.PHYSICAL)]
)
def test_a_controlled_lane_waits_for_its_own_check(colour: Lane, kind: CheckKind) -> None:
    other = CheckKind.PHYSICAL if kind is CheckKind.DOCUMENTS else CheckKind.DOCUMENTS
    case = lane(colour)(accepted(new_case()))
    assert case.decide() is None
    assert check(other, Outcome.PASSED)(case).decide() is None
    assert check(kind, Outcome.PASSED)(case).decide() == Release(office="8021")
    assert check(kind, Outcome.FAILED)(case).decide() == Refusal("8021", (FAILED_BRAKES,))


def test_a_failed_check_without_reasons_still_says_why() -> None:
    case = check(CheckKind.PHYSICAL, Outcome.FAILED)(lane(Lane.RED)(accepted(new_case())))
    case = case.with_check(case.checks[CheckKind.PHYSICAL].model_copy(update={"reasons": ()}))
    verdict = case.decide()
    assert isinstance(verdict, Refusal)
    assert verdict.reasons[0].code == "physical_check_failed"


@pytest.mark.parametrize(
    ("facts", "verdict"),
    [
        ((accepted, lane(Lane.GREEN)), Release("8021")),
        ((accepted, lane(Lane.RED), check(CheckKind.PHYSICAL, Outcome.PASSED)), Release("8021")),
        (
            (accepted, lane(Lane.YELLOW), check(CheckKind.DOCUMENTS, Outcome.FAILED)),
            Refusal("8021", (FAILED_BRAKES,)),
        ),
    ],
)
def test_every_arrival_order_reaches_the_same_verdict(
    facts: tuple[Learn, ...], verdict: Release | Refusal
) -> None:
    for order in permutations(facts):
        case = new_case()
        for learn in order:
            case = learn(case)
        assert case.decide() == verdict, [f.__qualname__ for f in order]


def test_a_risk_relevant_amendment_makes_the_old_lane_stale() -> None:
    case = lane(Lane.GREEN, revision=1)(accepted(new_case()))
    case = case.with_declaration(samples.local(revision=2), risk_relevant=True)
    assert case.decide() is None
    assert lane(Lane.GREEN, revision=2)(case).decide() == Release("8021")


def test_an_amendment_risk_does_not_look_at_keeps_the_lane() -> None:
    case = lane(Lane.GREEN, revision=1)(new_case())
    case = case.with_declaration(samples.local(revision=1), risk_relevant=True)
    case = case.with_declaration(samples.local(revision=2), risk_relevant=False)
    assert case.decide() == Release("8021")


def test_a_lane_for_a_revision_not_seen_yet_waits_for_that_revision() -> None:
    case = lane(Lane.GREEN, revision=2)(accepted(new_case()))
    assert case.decide() is None
    case = case.with_declaration(samples.local(revision=2), risk_relevant=True)
    assert case.decide() == Release("8021")


def test_an_older_revision_arriving_late_changes_nothing() -> None:
    case = new_case().with_declaration(samples.local(revision=2), risk_relevant=True)
    assert case.with_declaration(samples.local(revision=1), risk_relevant=True) == case


def test_a_cancelled_declaration_is_never_released() -> None:
    case = accepted(new_case()).cancelled()
    assert case.status is Status.CANCELLED
    assert lane(Lane.GREEN)(case).decide() is None


def test_a_cancellation_before_the_release_is_in_force_withdraws_it() -> None:
    case = lane(Lane.GREEN)(accepted(new_case())).released()
    assert case.pending and case.decided_for == 1
    cancelled = case.cancelled()
    assert cancelled.status is Status.CANCELLED
    assert cancelled.decided_for is None
    assert cancelled.decide() is None  # never decided again


def test_a_cancellation_after_the_release_is_in_force_is_refused() -> None:
    case = lane(Lane.GREEN)(accepted(new_case())).released()
    case = case.recorded(DeclarationStatus.RELEASED, revision=1)
    assert case.in_force
    with pytest.raises(DecisionInForce):
        case.cancelled()


def test_a_cancellation_after_a_refusal_in_force_closes_the_case() -> None:
    case = check(CheckKind.PHYSICAL, Outcome.FAILED)(lane(Lane.RED)(accepted(new_case())))
    case = case.refused().recorded(DeclarationStatus.NOT_RELEASED, revision=1)
    assert case.cancelled().status is Status.CANCELLED


def test_an_amendment_before_the_release_is_in_force_withdraws_it_and_decides_again() -> None:
    case = lane(Lane.GREEN)(accepted(new_case())).released()
    amended = case.with_declaration(samples.local(revision=2), risk_relevant=True)
    assert amended.status is Status.WAITING
    assert amended.decided_for is None
    assert amended.decide() is None  # the green lane was for revision 1
    red = lane(Lane.RED, revision=2)(amended)
    assert red.decide() is None  # waits for the red lane's inspection of revision 2
    assert check(CheckKind.PHYSICAL, Outcome.PASSED, revision=2)(red).decide() == Release("8021")


def test_an_amendment_after_the_release_is_in_force_is_refused() -> None:
    case = lane(Lane.GREEN)(accepted(new_case())).released()
    case = case.recorded(DeclarationStatus.RELEASED, revision=1)
    with pytest.raises(DecisionInForce):
        case.with_declaration(samples.local(revision=2), risk_relevant=True)


def test_a_decision_is_in_force_only_when_recorded_for_its_own_revision() -> None:
    case = lane(Lane.GREEN)(accepted(new_case())).released()
    assert not case.recorded(DeclarationStatus.RELEASED, revision=2).in_force
    assert not case.recorded(DeclarationStatus.NOT_RELEASED, revision=1).in_force
    assert case.recorded(DeclarationStatus.RELEASED, revision=1).in_force


def test_nothing_exits_before_the_release_is_in_force_for_the_named_revision() -> None:
    case = lane(Lane.GREEN)(accepted(new_case())).released()
    with pytest.raises(NotInForce):
        case.step(Step.EXIT, revision=1)
    case = case.recorded(DeclarationStatus.RELEASED, revision=1)
    with pytest.raises(NotInForce):
        case.step(Step.EXIT, revision=2)
    assert case.step(Step.EXIT, revision=1).status is Status.EXITED


def test_a_direct_transfer_is_released_for_transit() -> None:
    case = new_case().with_declaration(samples.direct_transfer(), risk_relevant=True)
    assert case.released().status is Status.RELEASED_FOR_TRANSIT


def test_the_case_survives_its_json_round_trip() -> None:
    case = check(CheckKind.DOCUMENTS, Outcome.FAILED)(lane(Lane.YELLOW)(accepted(new_case())))
    assert Case.model_validate(case.model_dump(mode="json")) == case
