"""What the views of every concept share: the injected clock and who may see or act."""

from typing import Annotated

from fastapi import Depends, Request

from clearway_contracts.identity import Caller, Role
from clearway_contracts.problems import Problem
from clearway_platform.clock import Clock


def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


ClockDep = Annotated[Clock, Depends(_clock)]


def officer_office(caller: Caller) -> str:
    """The office of an officer acting at a port; only officers act here."""
    caller.require(Role.OFFICER)
    return _office(caller)


def read_scope(caller: Caller) -> tuple[str | None, str | None]:
    """(tenant, office) a reader is limited to: a forwarder its own declarations, an officer
    or inspector those of their office, an admin everything."""
    if caller.role is Role.ADMIN:
        return None, None
    if caller.role is Role.FORWARDER:
        return caller.tenant, None
    return None, _office(caller)


def _office(caller: Caller) -> str:
    if not caller.office:
        raise Problem(403, "Forbidden", f"a {caller.role} needs a customs office in their identity")
    return caller.office
