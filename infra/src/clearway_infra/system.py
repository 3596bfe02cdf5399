"""`make run`: the whole system on this machine, in one foreground command.

Starts PostgreSQL and Kafka, migrates each service's database, loads the demo reference data,
starts the four services (each one process running its API, relay, consumer and workers; the
gateway's runs its API and the statistics consumer),
waits until every one is ready, prints where to go, and on Ctrl-C stops everything it started.

Everything runs in the development profile (the README's demo API key works), with secrets
generated for this state folder (clearway_infra.local_secrets), never fixed ones.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clearway_contracts.events.topology import participant
from clearway_infra.errors import InfraError, log_tail
from clearway_infra.local_secrets import LocalSecrets
from clearway_infra.ports import port_is_free
from clearway_infra.processes import terminate
from clearway_infra.stack import LocalStack


@dataclass(frozen=True)
class Service:
    name: str
    port: int
    metrics_port: int

    @property
    def env_prefix(self) -> str:
        return f"{self.name.upper()}_"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}/metrics"


SERVICES = (
    Service("declaration", 8001, 9101),
    Service("inspection", 8002, 9102),
    Service("release", 8003, 9103),
    Service("gateway", 8000, 9100),
)
GATEWAY = SERVICES[-1]


def on_ports(ports: dict[str, int], metrics_ports: dict[str, int]) -> tuple[Service, ...]:
    """The same services on other ports (tests run beside a `make run`)."""
    return tuple(
        Service(service.name, ports[service.name], metrics_ports[service.name])
        for service in SERVICES
    )


def service_env(
    stack: LocalStack, service: Service, services: Sequence[Service] = SERVICES
) -> dict[str, str]:
    """The environment of one service: its database, its port, and on Kafka its own
    principal (the gateway's, for its statistics role)."""
    assert stack.postgres is not None
    env = {
        **os.environ,
        f"{service.env_prefix}DATABASE_URL": stack.postgres.url(service.name),
        f"{service.env_prefix}KAFKA_BOOTSTRAP_SERVERS": stack.kafka_bootstrap,
        f"{service.env_prefix}PORT": str(service.port),
        f"{service.env_prefix}METRICS_PORT": str(service.metrics_port),
        "CLEARWAY_PROFILE": "development",
        **LocalSecrets.of(stack.state_dir).env(service.name),
    }
    on_kafka = participant(service.name)
    if on_kafka is not None:
        env[f"{service.env_prefix}KAFKA_USERNAME"] = on_kafka.principal
        env[f"{service.env_prefix}KAFKA_PASSWORD"] = stack.kafka_passwords[on_kafka.principal]
    if service.name == "gateway":
        for backend in services:
            if backend.name != "gateway":
                env[f"GATEWAY_{backend.name.upper()}_URL"] = backend.url
    return env


def run_steps(stack: LocalStack, command: str, services: Sequence[Service] = SERVICES) -> str:
    """Run ``python -m clearway_<service> <command>`` for every service at once; their output."""
    running = [
        subprocess.Popen(
            [sys.executable, "-m", f"clearway_{service.name}", command],
            env=service_env(stack, service, services),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for service in services
    ]
    outputs = [process.communicate()[0] for process in running]
    for service, process, output in zip(services, running, outputs, strict=True):
        if process.returncode != 0:
            raise InfraError(f"{service.name} {command} failed:\n{output}")
    return "".join(outputs)


def wait_ready(service: Service, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise InfraError(f"{service.name} exited during start-up:\n{log_tail(log)}")
        try:
            with urllib.request.urlopen(f"{service.url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise InfraError(f"{service.name} was not ready within 90 s:\n{log_tail(log)}")


def prepare(stack: LocalStack, services: Sequence[Service] = SERVICES) -> str:
    """Migrate every service's database, then load the demo data; returns what seeds printed."""
    print("run: migrating the service databases…", flush=True)
    run_steps(stack, "migrate", services)
    print("run: loading the demo reference data…", flush=True)
    return run_steps(stack, "seed", services)


def start_service(
    stack: LocalStack, service: Service, logs: Path, services: Sequence[Service] = SERVICES
) -> subprocess.Popen[bytes]:
    """Start one service (all its roles in one process); the caller waits for it.

    Refused when its port is taken: another system there would answer our readiness checks
    and we would go on driving it."""
    for port in (service.port, service.metrics_port):
        if not port_is_free(port):
            raise InfraError(
                f"{service.name}: port {port} is in use (another `make run`?); stop it first"
            )
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{service.name}.log"
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", f"clearway_{service.name}", "serve", *serve_options(service)],
            env=service_env(stack, service, services),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us; we stop them in order
        )
    print(f"run: starting {service.name} on {service.url} (log {log})", flush=True)
    return process


def serve_options(service: Service) -> list[str]:
    """The gateway runs its statistics consumer (which also writes the event feed) and its
    webhook deliveries too (never by default: the consumer needs Kafka)."""
    return ["--roles", "api,statistics,webhooks"] if service.name == "gateway" else []


def start_services(
    stack: LocalStack, logs: Path, services: Sequence[Service] = SERVICES
) -> list[subprocess.Popen[bytes]]:
    """Start every service and wait until each is ready."""
    processes = [start_service(stack, service, logs, services) for service in services]
    for service, process in zip(services, processes, strict=True):
        wait_ready(service, process, logs / f"{service.name}.log")
    return processes


def stop_services(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in reversed(processes):
        terminate(process.pid)
        process.wait()


def run(state_dir: Path) -> int:
    stack = LocalStack(state_dir)
    processes: list[subprocess.Popen[bytes]] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    logs = state_dir / "logs"
    try:
        print("run: starting PostgreSQL and Kafka…", flush=True)
        stack.up([service.name for service in SERVICES])
        notes = prepare(stack)
        processes = start_services(stack, logs)
        print()
        print("Clearway is running. Ctrl-C stops everything.")
        print(f"  gateway (public API):  {GATEWAY.url}/v1   docs: {GATEWAY.url}/docs")
        print(f"  inspector's tablet:    {GATEWAY.url}/tablet/   (sign in as inspector-hrg)")
        print(f"  officer's console:     {GATEWAY.url}/console/  (sign in as officer-hrg)")
        print(f"  statistics dashboard:  {GATEWAY.url}/console/stats  (sign in as officer-hrg)")
        for service in SERVICES[:-1]:
            print(f"  {service.name + ':':<22} {service.url}   (internal: the gateway's only)")
        print("  metrics (Prometheus), one port each:")
        for service in SERVICES:
            print(f"    {service.name + ':':<20} {service.metrics_url}")
        print(f"  PostgreSQL:            {stack.admin_dsn}")
        print(f"  Kafka:                 {stack.kafka_bootstrap}   (SASL/SCRAM-SHA-512)")
        print(f"  Kafka passwords:       {stack.status()['kafka']['credentials']}")
        print()
        print(notes.rstrip())
        sys.stdout.flush()
        while not stopping:
            for service, process in zip(SERVICES, processes, strict=True):
                if process.poll() is not None:
                    log = logs / f"{service.name}.log"
                    raise InfraError(f"{service.name} stopped unexpectedly:\n{log_tail(log)}")
            time.sleep(0.5)
        print("\nrun: stopping…", flush=True)
        return 0
    finally:
        stop_services(processes)
        stack.down()
        print("run: everything stopped", flush=True)
