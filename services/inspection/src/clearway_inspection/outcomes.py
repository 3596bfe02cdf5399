"""What every decision of an officer or inspector must satisfy."""

from clearway_contracts.events.common import Outcome, Reason
from clearway_platform.domain_errors import InvalidInput, Violation


class ReasonsRequired(InvalidInput):
    """A failed outcome without a reason: the declarant could not act on it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, [Violation("reasons", reason)])


def check_reasons(outcome: Outcome, reasons: list[Reason]) -> None:
    if outcome is Outcome.FAILED and not reasons:
        raise ReasonsRequired("a failed outcome needs at least one reason")
