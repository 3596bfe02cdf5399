"""Clearway as it runs in production, on this machine: PostgreSQL, Kafka and the four
services, each its own OS process, so that a test may kill or restart any of them.

Nothing here is shared with other tests: its own stack in its own folder, free ports, and
everything stopped (services first, then the stack) and deleted at the end.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from clearway_gateway.seed import demo_tokens
from clearway_gateway.settings import DEMO_API_KEY
from clearway_gateway.settings import Settings as GatewaySettings
from clearway_infra.errors import log_tail
from clearway_infra.local_secrets import LocalSecrets
from clearway_infra.ports import free_port
from clearway_infra.stack import LocalStack
from clearway_infra.system import (
    SERVICES,
    Service,
    on_ports,
    prepare,
    start_service,
    stop_services,
    wait_ready,
)


class RunningClearway:
    """The whole system, with the levers a resilience test pulls."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.logs = folder / "logs"  # the stack writes postgres.log and kafka-*.log here too
        self.stack = LocalStack.ephemeral(folder)
        self.services = on_ports(
            {service.name: free_port() for service in SERVICES},
            {service.name: free_port() for service in SERVICES},
        )
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    # -- what tests talk to ------------------------------------------------------------

    @property
    def gateway_url(self) -> str:
        return self.service("gateway").url

    @property
    def kafka(self) -> dict[str, Any]:
        """The admin's client options: what the test observes the topics as."""
        return self.stack.kafka_client_options()

    @property
    def forwarder_api_key(self) -> str:
        return DEMO_API_KEY  # the services run in the development profile

    @property
    def admin_token(self) -> str:
        secrets = LocalSecrets.of(self.stack.state_dir)
        settings = GatewaySettings(profile="development", jwt_secret=secrets.jwt_secret)
        return demo_tokens(settings)["admin"]

    def service(self, name: str) -> Service:
        [service] = [service for service in self.services if service.name == name]
        return service

    # -- starting and stopping ---------------------------------------------------------

    def start_everything(self) -> None:
        """PostgreSQL and Kafka (with the topics and ACLs), migrations and demo data, then the
        services, each as its own Kafka principal."""
        self.stack.up([service.name for service in self.services])
        prepare(self.stack, self.services)
        for service in self.services:
            self.processes[service.name] = start_service(
                self.stack, service, self.logs, self.services
            )
        for service in self.services:
            self.wait_ready(service.name)

    def stop_everything(self) -> None:
        """Services first (in reverse start order), then the stack. Safe to call twice."""
        try:
            stop_services(list(self.processes.values()))
            self.processes.clear()
        finally:
            self.stack.down()

    def wait_ready(self, name: str) -> None:
        wait_ready(self.service(name), self.processes[name], self.logs / f"{name}.log")

    # -- the levers --------------------------------------------------------------------

    def kill_9(self, name: str) -> None:
        """SIGKILL the service's whole process group: no shutdown hook runs."""
        process = self.processes[name]
        assert process.poll() is None, f"{name} had died already:\n{self.tail(name)}"
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def start_again(self, name: str) -> None:
        self.processes[name] = start_service(
            self.stack, self.service(name), self.logs, self.services
        )
        self.wait_ready(name)

    def restart_kafka(self, down_for: float = 0.0) -> None:
        assert self.stack.kafka is not None
        self.stack.kafka.stop()
        time.sleep(down_for)
        self.stack.kafka.start()

    def restart_postgres(self, down_for: float = 0.0) -> None:
        assert self.stack.postgres is not None
        self.stack.postgres.stop()
        time.sleep(down_for)
        self.stack.postgres.start()

    # -- post-mortem -------------------------------------------------------------------

    def log_report(self, lines: int = 15) -> str:
        """The last warnings and errors of each service, for a failure message."""
        parts = []
        for service in self.services:
            log = self.logs / f"{service.name}.log"
            if not log.exists():
                continue
            bad = [
                line
                for line in log.read_text(errors="replace").splitlines()
                if any(level in line for level in ('"WARNING"', '"ERROR"', "Traceback"))
            ]
            if bad:
                parts.append(f"--- {service.name} ({len(bad)} warnings/errors, last {lines}):")
                parts.extend(line[:400] for line in bad[-lines:])
        return "\n".join(parts) or "(no warnings or errors in the service logs)"

    def tail(self, name: str) -> str:
        return log_tail(self.logs / f"{name}.log")


@contextmanager
def clearway_on_this_machine(keep_logs_in: Path | None = None) -> Iterator[RunningClearway]:
    """Start everything (failing loudly if anything cannot start); stop and delete it all."""
    # Not under pytest's tmp folder: that is private to root, and PostgreSQL runs as the
    # postgres user when the tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="clearway-resilience-"))
    folder.chmod(0o755)
    system: RunningClearway | None = None
    try:
        system = RunningClearway(folder)
        system.start_everything()
        yield system
    finally:
        try:
            if system is not None:
                system.stop_everything()
        finally:
            logs = folder / "logs"
            if keep_logs_in is not None and logs.exists():
                shutil.copytree(logs, keep_logs_in, dirs_exist_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
