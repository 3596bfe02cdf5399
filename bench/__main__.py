"""`make bench`: start private PostgreSQL and Kafka, measure the baseline, then Clearway.

Every figure is printed beside the pgbench baseline measured in the same run, because the
machines here are noisy and absolute numbers drift. Each service also has a benchmark of its
own: ``python -m bench.declaration``, ``bench.inspection``, ``bench.release``,
``bench.gateway``.
"""

import argparse
import asyncio
import shutil
import tempfile
from pathlib import Path

from bench import backbone, system
from bench.baseline import pgbench_inserts
from clearway_gateway.seed import demo_tokens
from clearway_gateway.settings import Settings as GatewaySettings
from clearway_infra.local_secrets import LocalSecrets
from clearway_infra.ports import free_port
from clearway_infra.stack import LocalStack
from clearway_infra.system import SERVICES, on_ports, prepare, start_services, stop_services
from tests.support.infra import TestInfra


def row(label: str, value: float, unit: str = "/s") -> None:
    print(f"  {label:<58}{value:>10,.0f} {unit}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--events", type=int, default=20_000, help="events through the backbone")
    parser.add_argument("--writers", type=int, default=16, help="concurrent writing transactions")
    parser.add_argument("--seconds", type=int, default=10, help="duration of each timed phase")
    parser.add_argument("--declarations", type=int, default=3_000, help="for the throughput run")
    parser.add_argument("--in-flight", type=int, default=64, help="concurrent submissions")
    parser.add_argument("--rate", type=float, default=200, help="steady submissions per second")
    parser.add_argument("--skip-system", action="store_true", help="only baseline and backbone")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="clearway-bench-"))
    folder.chmod(0o755)
    stack = LocalStack.ephemeral(folder)
    try:
        print("bench: starting PostgreSQL and Kafka…", flush=True)
        stack.up(databases=["bench", *(service.name for service in SERVICES)], fast=False)
        assert stack.postgres is not None
        dsn = stack.postgres.dsn("bench")
        print("bench: pgbench one-row inserts (fsync on)…", flush=True)
        one = pgbench_inserts(dsn, clients=1, seconds=args.seconds)
        many = pgbench_inserts(dsn, clients=args.writers, seconds=args.seconds)
        print(f"bench: backbone, {args.events} events, {args.writers} writers…", flush=True)
        result = asyncio.run(
            backbone.run(
                database_url=stack.postgres.url("bench"),
                infra=TestInfra.on(stack),
                events=args.events,
                writers=args.writers,
            )
        )
        whole = None
        if not args.skip_system:
            print("bench: the whole system, each service its own process…", flush=True)
            # Free ports, never the fixed ones: a `make run` beside us keeps its system.
            services = on_ports(
                {service.name: free_port() for service in SERVICES},
                {service.name: free_port() for service in SERVICES},
            )
            prepare(stack, services)
            processes = start_services(stack, folder / "logs", services)
            try:
                whole = asyncio.run(
                    system.run(
                        gateway=next(s.url for s in services if s.name == "gateway"),
                        kafka=stack.kafka_client_options(),
                        admin_token=demo_tokens(
                            GatewaySettings(
                                profile="development",
                                jwt_secret=LocalSecrets.of(stack.state_dir).jwt_secret,
                            )
                        )["admin"],
                        count=args.declarations,
                        in_flight=args.in_flight,
                        rate=args.rate,
                        seconds=args.seconds,
                    )
                )
            finally:
                stop_services(processes)
        print()
        print("baseline")
        row("pgbench one-row inserts, 1 client", one)
        row(f"pgbench one-row inserts, {args.writers} clients", many)
        print("event backbone")
        row(f"state change + outbox row, {args.writers} writers", result["write_tx_per_s"])
        row("outbox → Kafka → inbox, end to end", result["end_to_end_events_per_s"])
        if whole:
            t, s, r = whole["throughput"], whole["steady"], whole["reads"]
            print("whole system (gateway → release event, green lane)")
            row(f"throughput, {args.in_flight} in flight", t["declarations/s"])
            row("  submission → release event p50", t["p50 ms"], "ms")
            row("  submission → release event p99", t["p99 ms"], "ms")
            row(f"steady {s['offered/s']:.0f}/s offered: achieved", s["achieved/s"])
            row("  submission → release event p50", s["p50 ms"], "ms")
            row("  submission → release event p99", s["p99 ms"], "ms")
            row("status read through the gateway, 8 clients", r["reads/s"])
            row("  p50", r["p50 ms"], "ms")
            row("  p99", r["p99 ms"], "ms")
    finally:
        stack.down()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
