"""Request dependencies of this service's views: the clock and the caller's scopes."""

from typing import Annotated

from fastapi import Depends, Request

from clearway_contracts.events.common import AeoLevel
from clearway_contracts.identity import Caller, Role
from clearway_contracts.problems import Problem
from clearway_platform.clock import Clock, system_clock
from clearway_platform.web.deps import CallerDep


def get_clock(request: Request) -> Clock:
    clock: Clock = getattr(request.app.state, "clock", system_clock)
    return clock


ClockDep = Annotated[Clock, Depends(get_clock)]


def inspector_site(caller: CallerDep) -> str:
    """The site an inspector's tablet works at."""
    caller.require(Role.INSPECTOR)
    if not caller.site:
        raise Problem(403, "Forbidden", "an inspector needs an inspection site in their identity")
    return caller.site


InspectorSiteDep = Annotated[str, Depends(inspector_site)]


def require_office(caller: Caller) -> str:
    if not caller.office:
        raise Problem(403, "Forbidden", "this needs an officer of a customs office")
    return caller.office


def aeo_level_of(caller: Caller) -> AeoLevel:
    """Booking lead times depend on it; unknown levels get the strictest rule."""
    try:
        return AeoLevel(caller.aeo_level or "")
    except ValueError:
        return AeoLevel.REGISTERED
