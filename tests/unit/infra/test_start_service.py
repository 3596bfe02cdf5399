"""Starting the system on a port another system holds must stop at once, not drive the other.

`make bench` once found a `make run` on the fixed ports: its own services failed to bind, the
other system answered their readiness checks, and the benchmark drove it.
"""

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from clearway_infra.errors import InfraError
from clearway_infra.ports import free_port
from clearway_infra.stack import LocalStack
from clearway_infra.system import Service, start_service


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other_system:
        other_system.bind(("127.0.0.1", 0))
        other_system.listen()
        yield other_system.getsockname()[1]


@pytest.mark.parametrize("which", ["api", "metrics"])
def test_a_service_is_not_started_on_a_port_another_system_holds(
    taken_port: int, which: str, tmp_path: Path
) -> None:
    ports = (taken_port, free_port()) if which == "api" else (free_port(), taken_port)
    service = Service("gateway", *ports)

    with pytest.raises(InfraError, match=f"port {taken_port} is in use"):
        start_service(LocalStack.ephemeral(tmp_path), service, tmp_path / "logs")

    assert not (tmp_path / "logs").exists()  # nothing was started
