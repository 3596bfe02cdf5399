"""The configuration files of a single-node KRaft broker."""

from collections.abc import Mapping
from pathlib import Path

from clearway_infra.kafka_credentials import ADMIN, CONTROLLER

SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule"
PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule"

LOG4J1 = """\
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
"""

LOG4J2 = """\
status = warn
shutdownHook = disable
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.statechange.name = state.change.logger
logger.statechange.level = warn
"""


def server_properties(
    major: int, port: int, controller_port: int, log_dir: Path, passwords: Mapping[str, str]
) -> str:
    """Return server.properties for a combined broker+controller with node id 1.

    No listener lets anyone in unauthenticated, and both bind 127.0.0.1 only:

    * CLIENTS (clients, and the broker to itself): SASL/SCRAM-SHA-512. The users and their
      salted passwords are in the metadata log, written at format time (KIP-900).
    * CONTROLLER (the broker to the controller): SCRAM cannot work here, because the
      controller serves the very metadata log the credentials live in. It takes SASL PLAIN
      with one static JAAS user, ``controller``, a super user whose random password is in
      this file only (mode 0600) and in credentials.json beside it.

    The StandardAuthorizer (KRaft's) denies whatever no ACL allows; ``admin`` and
    ``controller`` are super users, every service gets the ACLs of its place in the topology.
    """
    admin, controller = passwords[ADMIN], passwords[CONTROLLER]
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.voters": f"1@127.0.0.1:{controller_port}",
        "listeners": f"CLIENTS://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
        "advertised.listeners": f"CLIENTS://127.0.0.1:{port}",
        "listener.security.protocol.map": "CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
        "inter.broker.listener.name": "CLIENTS",
        "controller.listener.names": "CONTROLLER",
        "listener.name.clients.sasl.enabled.mechanisms": "SCRAM-SHA-512",
        "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
        "listener.name.clients.scram-sha-512.sasl.jaas.config": (
            f'{SCRAM_LOGIN} required username="{ADMIN}" password="{admin}";'
        ),
        "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
        "sasl.mechanism.controller.protocol": "PLAIN",
        "listener.name.controller.plain.sasl.jaas.config": (
            f'{PLAIN_LOGIN} required username="{CONTROLLER}" password="{controller}" '
            f'user_{CONTROLLER}="{controller}";'
        ),
        "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found": "false",
        "super.users": f"User:{ADMIN};User:{CONTROLLER}",
        "log.dirs": str(log_dir),
        "num.partitions": "3",
        # Topics are created by the admin with their ACLs, never by a client's metadata request.
        "auto.create.topics.enable": "false",
        "default.replication.factor": "1",
        "min.insync.replicas": "1",
        "offsets.topic.replication.factor": "1",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        # After a kill -9 the restarted node waits for its old registration to expire:
        # 5 s instead of the default 9 s.
        "broker.session.timeout.ms": "5000",
        "broker.heartbeat.interval.ms": "1000",
    }
    if major >= 4:
        settings["share.coordinator.state.topic.replication.factor"] = "1"
        settings["share.coordinator.state.topic.min.isr"] = "1"
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def write_log_config(major: int, home: Path) -> str:
    """Write the log4j config the version expects into `home`; return its JVM flag."""
    if major >= 4:
        path = home / "log4j2.properties"
        path.write_text(LOG4J2)
        return f"-Dlog4j2.configurationFile={path}"
    path = home / "log4j.properties"
    path.write_text(LOG4J1)
    return f"-Dlog4j.configuration=file:{path}"
