"""``GET /v1/events``: a forwarder's own events, for ERPs that cannot receive webhooks.

Only forwarders read a feed (their declarant's); officials have the services' own lists and
the statistics, so the feed answers them 403 (ADR 0031).
"""

from typing import Annotated

from fastapi import Query

from clearway_gateway.deps import ForwarderDep, UowDep
from clearway_gateway.feed import service
from clearway_gateway.feed.models import MAX_WAIT_SECONDS
from clearway_gateway.feed.schemas import EventPage
from clearway_gateway.forwarding.contract import public_router

router = public_router(tags=["events"])


@router.get(
    "/events",
    summary="Your declarations' events after a cursor, oldest first; long-polls with `wait`",
    response_model=EventPage,
)
async def list_events(
    caller: ForwarderDep,
    uow: UowDep,
    after: Annotated[
        str,
        Query(
            pattern=r"^[0-9]{1,18}$",
            description="a `next_cursor` from before; 0 (or absent) reads from the start",
        ),
    ] = "0",
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
    wait: Annotated[
        int,
        Query(ge=0, le=MAX_WAIT_SECONDS, description="seconds to wait for a first new event"),
    ] = 0,
) -> EventPage:
    assert caller.tenant is not None  # every forwarder has its declarant
    page = await service.read(
        uow=uow, declarant=caller.tenant, after=int(after), limit=limit, wait=wait
    )
    return EventPage.of(page)
