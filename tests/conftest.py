"""Test-session fixtures: a real PostgreSQL and a real Kafka, started for this run.

They start on first use (unit tests never start them), on free ports and in fresh folders,
and stop at the end of the session. The use-case tier needs only PostgreSQL (``databases``):
run alone, it starts no broker. To use servers of your own instead, set
``CLEARWAY_TEST_DATABASE_URL`` (a superuser DSN, ``postgresql://user@host:port/postgres``),
``CLEARWAY_TEST_KAFKA`` (bootstrap servers of a broker with SASL/SCRAM-SHA-512 and an
authorizer) and ``CLEARWAY_TEST_KAFKA_CREDENTIALS`` (a JSON file of each principal's password,
``admin`` a super user, like the ``credentials.json`` that ``python -m clearway_infra up``
writes). Missing infrastructure fails the run loudly.
"""

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from uuid import uuid4

import pytest

from clearway_infra import kafka_credentials
from clearway_infra.ports import free_port
from clearway_infra.postgres import PostgresCluster
from clearway_infra.stack import LocalStack
from tests.support.events import AsOwners
from tests.support.infra import TestDatabases, TestInfra


@pytest.fixture(scope="session")
def infra() -> Iterator[TestInfra]:
    admin_dsn = os.environ.get("CLEARWAY_TEST_DATABASE_URL")
    kafka = os.environ.get("CLEARWAY_TEST_KAFKA")
    credentials = os.environ.get("CLEARWAY_TEST_KAFKA_CREDENTIALS")
    if admin_dsn or kafka or credentials:
        if not (admin_dsn and kafka and credentials):
            pytest.fail(
                "set all of CLEARWAY_TEST_DATABASE_URL, CLEARWAY_TEST_KAFKA and "
                "CLEARWAY_TEST_KAFKA_CREDENTIALS, or none"
            )
        yield TestInfra(
            admin_dsn=admin_dsn,
            kafka_bootstrap=kafka,
            kafka_passwords=kafka_credentials.load(Path(credentials)),
        )
        return
    # Not under pytest's own tmp folder: that is private to root, and PostgreSQL runs as
    # the postgres user when the tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="clearway-test-"))
    folder.chmod(0o755)
    stack = LocalStack.ephemeral(folder)
    try:
        stack.up(databases=[], fast=True)
        yield TestInfra.on(stack)
    finally:
        stack.down()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def databases(request: pytest.FixtureRequest) -> Iterator[TestDatabases]:
    """PostgreSQL alone, for the tiers that need no Kafka: the whole system's server when this
    session starts one anyway, or an external one, else a cluster of its own."""
    wants_kafka = any(
        "infra" in getattr(item, "fixturenames", ()) for item in request.session.items
    )
    if wants_kafka or os.environ.get("CLEARWAY_TEST_DATABASE_URL"):
        yield request.getfixturevalue("infra")
        return
    folder = Path(tempfile.mkdtemp(prefix="clearway-test-pg-"))
    folder.chmod(0o755)
    cluster = PostgresCluster(folder / "data", free_port(), folder / "postgres.log", fast=True)
    try:
        cluster.start()
        yield TestDatabases(admin_dsn=cluster.dsn("postgres"))
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def topic_prefix() -> str:
    """Each test gets its own topics (and consumer groups) on the shared broker."""
    return f"t{uuid4().hex[:10]}."


@pytest.fixture
async def upstream(infra: TestInfra, topic_prefix: str) -> AsyncIterator[AsOwners]:
    """Plays the services upstream of the one under test: publishes their events on this
    test's topics, each through its owner's principal and with its source, as they would."""
    async with AsOwners(infra, topic_prefix) as owners:
        yield owners
