"""`make bench`: start private PostgreSQL and Kafka, measure the baseline, then Clearway.

Every figure is printed beside the pgbench baseline measured in the same run, because the
machines here are noisy and absolute numbers drift.
"""

import argparse
import asyncio
import shutil
import tempfile
from pathlib import Path

from bench import backbone
from bench.baseline import pgbench_inserts
from clearway_infra.stack import LocalStack


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--events", type=int, default=20_000, help="events through the backbone")
    parser.add_argument("--writers", type=int, default=16, help="concurrent writing transactions")
    parser.add_argument("--seconds", type=int, default=10, help="pgbench duration per run")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="clearway-bench-"))
    folder.chmod(0o755)
    stack = LocalStack.ephemeral(folder)
    try:
        print("bench: starting PostgreSQL and Kafka…", flush=True)
        stack.up(databases=["bench"], fast=False)  # fsync on: real commit costs
        assert stack.postgres is not None
        dsn = stack.postgres.dsn("bench")
        print("bench: pgbench one-row inserts (fsync on)…", flush=True)
        one = pgbench_inserts(dsn, clients=1, seconds=args.seconds)
        many = pgbench_inserts(dsn, clients=args.writers, seconds=args.seconds)
        print(f"bench: backbone, {args.events} events, {args.writers} writers…", flush=True)
        result = asyncio.run(
            backbone.run(
                database_url=stack.postgres.url("bench"),
                bootstrap=stack.kafka_bootstrap,
                events=args.events,
                writers=args.writers,
            )
        )
        print()
        print(f"{'measure':<52}{'per second':>12}")
        print(f"{'pgbench inserts, 1 client (baseline)':<52}{one:>12,.0f}")
        print(f"{f'pgbench inserts, {args.writers} clients (baseline)':<52}{many:>12,.0f}")
        print(
            f"{'state change + outbox row, ' + str(args.writers) + ' writers':<52}"
            f"{result['write_tx_per_s']:>12,.0f}"
        )
        print(
            f"{'outbox → Kafka → inbox, end to end':<52}{result['end_to_end_events_per_s']:>12,.0f}"
        )
    finally:
        stack.down()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
