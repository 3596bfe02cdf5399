"""A single-node Apache Kafka broker (KRaft) run from the official jars."""

import asyncio
import base64
import os
import subprocess
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from clearway_infra.aio import run_sync
from clearway_infra.errors import InfraError, log_size, log_tail
from clearway_infra.kafka_config import server_properties, write_log_config
from clearway_infra.kafka_jars import ensure_jars, libs_dir, major_version
from clearway_infra.ports import port_is_open
from clearway_infra.processes import command_line, pid_alive, terminate

DEFAULT_VERSION = "3.9.1"
JVM_OPTIONS = ["-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true"]
TOPIC_ALREADY_EXISTS = 36


def default_version() -> str:
    """Return the Kafka version to run: $KAFKA_VERSION, else 3.9.1."""
    return os.environ.get("KAFKA_VERSION") or DEFAULT_VERSION


class KafkaBroker:
    """One combined broker+controller (node id 1) with its data and config in `home`."""

    def __init__(
        self,
        home: Path,
        version: str,
        port: int,
        controller_port: int,
        log_file: Path,
        cache_dir: Path,
    ) -> None:
        self.home = home.absolute()
        self.version = version
        self.major = major_version(version)
        self.port = port
        self.controller_port = controller_port
        self.log_file = log_file.absolute()
        self.cache_dir = cache_dir.absolute()
        self._process: subprocess.Popen[bytes] | None = None
        self._log_start = 0

    @property
    def bootstrap_servers(self) -> str:
        """Return the `host:port` clients connect to."""
        return f"127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        """Return the file holding the broker JVM's pid."""
        return self.home / "kafka.pid"

    def ensure_jars(self) -> Path:
        """Fetch the broker jars into the cache unless already there; return their folder."""
        return ensure_jars(self.cache_dir, self.version)

    def pid(self) -> int | None:
        """Return the pid of this broker's JVM if it is running."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        is_ours = str(self.home / "server.properties") in command_line(pid)
        return pid if is_ours and pid_alive(pid) else None

    def is_running(self) -> bool:
        """Tell whether this broker's JVM is running."""
        return self.pid() is not None

    def start(self, timeout: float = 90.0) -> None:
        """Start the broker detached and wait until it answers a metadata request."""
        if self.is_running():
            raise InfraError(f"Kafka in {self.home} is already running")
        self.ensure_jars()
        self.home.mkdir(parents=True, exist_ok=True)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self._log_start = log_size(self.log_file)
        config = self.home / "server.properties"
        config.write_text(
            server_properties(self.major, self.port, self.controller_port, self.home / "data")
        )
        log_flag = write_log_config(self.major, self.home)
        if not (self.home / "data" / "meta.properties").exists():
            self._format(config, log_flag)
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                ["java", *JVM_OPTIONS, log_flag, "-cp", self._classpath(), "kafka.Kafka",
                 str(config)],
                cwd=self.home, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.pid_file.write_text(f"{self._process.pid}\n")
        try:
            run_sync(self._wait_until_ready(time.monotonic() + timeout))
        except BaseException:
            self.stop()
            raise

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the broker: SIGTERM, then SIGKILL after `timeout` seconds."""
        pid = self.pid()
        if pid is not None:
            terminate(pid, timeout)
        if self._process is not None:
            self._process.wait()
            self._process = None
        self.pid_file.unlink(missing_ok=True)

    def create_topics(self, names: Iterable[str], partitions: int = 3) -> None:
        """Create the topics that do not exist yet (replication factor 1)."""
        run_sync(self.create_topics_async(names, partitions))

    async def create_topics_async(self, names: Iterable[str], partitions: int = 3) -> None:
        """Create the topics that do not exist yet, and wait until they have leaders."""
        wanted = sorted(set(names))
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers)
        await admin.start()
        try:
            missing = set(wanted) - set(await admin.list_topics())
            if missing:
                topics = [NewTopic(name, partitions, 1) for name in sorted(missing)]
                response = await admin.create_topics(topics)
                for topic, code, *_ in response.topic_errors:
                    if code not in (0, TOPIC_ALREADY_EXISTS):
                        raise InfraError(f"Could not create topic {topic}: Kafka error {code}")
            await _wait_for_leaders(admin, wanted)
        finally:
            await admin.close()

    def _log_report(self) -> str:
        return log_tail(self.log_file, since=self._log_start)

    def _classpath(self) -> str:
        return f"{libs_dir(self.cache_dir, self.version)}/*"

    def _format(self, config: Path, log_flag: str) -> None:
        # A random id may start with "-": given as "--cluster-id=…" it is never read as a flag.
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes)[:22].decode()
        command = [
            "java", "-Xmx256m", log_flag, "-cp", self._classpath(), "kafka.tools.StorageTool",
            "format", f"--cluster-id={cluster_id}", "-c", str(config),
        ]  # fmt: skip
        with self.log_file.open("ab") as log:
            result = subprocess.run(
                command, cwd=self.home, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, timeout=120,
            )  # fmt: skip
        if result.returncode != 0:
            raise InfraError(
                f"Could not format the Kafka log folder (exit {result.returncode}).\n"
                f"{self._log_report()}"
            )

    async def _wait_until_ready(self, deadline: float) -> None:
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise InfraError(
                    f"Kafka {self.version} exited with code {self._process.returncode}.\n"
                    f"{self._log_report()}"
                )
            if port_is_open(self.port):
                try:
                    if await self._answers_metadata():
                        return
                except Exception as error:  # any client error means: not ready yet
                    last_error = repr(error)
            await asyncio.sleep(0.5)
        raise InfraError(
            f"Kafka {self.version} did not answer a metadata request on {self.bootstrap_servers} "
            f"in time (last error: {last_error}).\n{self._log_report()}"
        )

    async def _answers_metadata(self) -> bool:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self.bootstrap_servers, request_timeout_ms=5000
        )
        try:
            await admin.start()
            cluster = await admin.describe_cluster()
        finally:
            await admin.close()
        return bool(cluster["brokers"])


async def _wait_for_leaders(admin: AIOKafkaAdminClient, topics: list[str]) -> None:
    """Wait until every partition of `topics` has a leader in the metadata."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        described = await admin.describe_topics(topics)
        if all(
            topic["error_code"] == 0
            and topic["partitions"]
            and all(partition["leader"] >= 0 for partition in topic["partitions"])
            for topic in described
        ):
            return
        await asyncio.sleep(0.1)
    raise InfraError(f"Topics {topics} got no partition leaders within 30 s")
