"""Local PostgreSQL and Apache Kafka for Clearway development and tests."""

from clearway_infra.errors import InfraError
from clearway_infra.kafka import KafkaBroker
from clearway_infra.ports import free_port
from clearway_infra.postgres import PostgresCluster
from clearway_infra.stack import LocalStack

__all__ = ["InfraError", "KafkaBroker", "LocalStack", "PostgresCluster", "free_port"]
