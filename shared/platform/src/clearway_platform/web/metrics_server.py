"""Prometheus metrics on a port of their own, apart from the API.

The API port is for the gateway (or the ingress controller); metrics are for the monitoring
namespace, and a NetworkPolicy can tell the two apart only by port. prometheus_client's own
server runs in a thread and reads the same registry the app writes.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from prometheus_client import start_http_server


@asynccontextmanager
async def serving_metrics(host: str, port: int | None) -> AsyncIterator[None]:
    """Serve /metrics on ``port`` while the context is open; nothing if ``port`` is None."""
    if port is None:
        yield
        return
    server, thread = start_http_server(port, addr=host)
    try:
        yield
    finally:
        await asyncio.to_thread(server.shutdown)
        server.server_close()
        thread.join(timeout=5)
