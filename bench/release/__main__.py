"""`python -m bench.release`: release decisions per second from Kafka, beside pgbench.

Starts its own PostgreSQL (fsync on) and Kafka, like `make bench`.
"""

import argparse
import asyncio
import shutil
import tempfile
from pathlib import Path

from bench.baseline import pgbench_inserts
from bench.release import decisions
from clearway_infra.stack import LocalStack
from tests.support.infra import TestInfra


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.release")
    parser.add_argument("--declarations", type=int, default=5_000)
    parser.add_argument("--consumers", type=int, default=2, help="consumer replicas in a group")
    parser.add_argument("--seconds", type=int, default=5, help="pgbench duration per run")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="clearway-bench-release-"))
    folder.chmod(0o755)
    stack = LocalStack.ephemeral(folder)
    try:
        print("bench: starting PostgreSQL and Kafka…", flush=True)
        stack.up(databases=["bench"], fast=False)  # fsync on: real commit costs
        assert stack.postgres is not None  # started by `up`
        dsn = stack.postgres.dsn("bench")
        one = pgbench_inserts(dsn, clients=1, seconds=args.seconds)
        many = pgbench_inserts(dsn, clients=16, seconds=args.seconds)
        infra = TestInfra.on(stack)
        print(f"bench: {args.declarations} declarations, {args.consumers} consumers…", flush=True)
        result = asyncio.run(
            decisions.run(infra=infra, declarations=args.declarations, consumers=args.consumers)
        )
        print()
        print(f"{'measure':<52}{'per second':>12}")
        print(f"{'pgbench inserts, 1 client (baseline)':<52}{one:>12,.0f}")
        print(f"{'pgbench inserts, 16 clients (baseline)':<52}{many:>12,.0f}")
        print(f"{'release decisions committed, from Kafka':<52}{result['decided_per_s']:>12,.0f}")
        print(f"{'release decisions published to Kafka':<52}{result['published_per_s']:>12,.0f}")
    finally:
        stack.down()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
