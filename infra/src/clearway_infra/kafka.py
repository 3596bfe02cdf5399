"""A single-node Apache Kafka broker (KRaft) run from the official jars."""

import asyncio
import base64
import os
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient

from clearway_infra import kafka_credentials
from clearway_infra.aio import run_sync
from clearway_infra.errors import InfraError, log_size, log_tail
from clearway_infra.kafka_backbone import open_backbone
from clearway_infra.kafka_config import server_properties, write_log_config
from clearway_infra.kafka_jars import ensure_jars, libs_dir, major_version
from clearway_infra.ports import port_is_open
from clearway_infra.processes import command_line, pid_alive, terminate
from clearway_platform.kafka import sasl_options

DEFAULT_VERSION = "4.3.1"
JVM_OPTIONS = ["-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true"]


def default_version() -> str:
    """Return the Kafka version to run: $KAFKA_VERSION, else 4.3.1."""
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
    def credentials_file(self) -> Path:
        """The principals' passwords (mode 0600), created with the broker's data."""
        return self.home / "credentials.json"

    @property
    def passwords(self) -> dict[str, str]:
        """Each principal's password: ``admin``, ``controller`` and one per service."""
        return kafka_credentials.load(self.credentials_file)

    def client_options(self, principal: str = kafka_credentials.ADMIN) -> dict[str, Any]:
        """What a Kafka client needs to log in here as ``principal`` (aiokafka's option names)."""
        return sasl_options(
            bootstrap_servers=self.bootstrap_servers, username=principal,
            password=self.passwords[principal],
        )  # fmt: skip

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
        formatted = (self.home / "data" / "meta.properties").exists()
        if not formatted:
            kafka_credentials.save(self.credentials_file, kafka_credentials.generate())
        elif not self.credentials_file.exists():
            raise InfraError(
                f"The Kafka data in {self.home} predates authentication (no "
                f"{self.credentials_file.name}): stop it and delete that folder to start afresh"
            )
        passwords = self.passwords
        config = self.home / "server.properties"
        kafka_credentials.save_text(
            config,
            server_properties(
                self.major, self.port, self.controller_port, self.home / "data", passwords
            ),
        )
        log_flag = write_log_config(self.major, self.home)
        if not formatted:
            self._format(config, log_flag, passwords)
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

    def open_backbone(self, prefix: str = "", partitions: int = 3) -> None:
        """Create the backbone's topics under ``prefix`` and grant the services their ACLs."""
        run_sync(open_backbone(self.client_options(), prefix, partitions))

    def _log_report(self) -> str:
        return log_tail(self.log_file, since=self._log_start)

    def _classpath(self) -> str:
        return f"{libs_dir(self.cache_dir, self.version)}/*"

    def _format(self, config: Path, log_flag: str, passwords: dict[str, str]) -> None:
        """Format the log folder with every SCRAM user in its metadata log (KIP-900)."""
        # A random id may start with "-": given as "--cluster-id=…" it is never read as a flag.
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes)[:22].decode()
        arguments = [
            "-Xmx256m", log_flag, "-cp", self._classpath(), "kafka.tools.StorageTool",
            "format", f"--cluster-id={cluster_id}", "-c", str(config),
        ]  # fmt: skip
        for name in kafka_credentials.scram_principals():
            arguments += ["--add-scram", f"SCRAM-SHA-512=[name={name},password={passwords[name]}]"]
        # Through a java @argfile (mode 0600, deleted at once): passwords on a command line
        # would be readable by every user of the machine in /proc/<pid>/cmdline.
        with tempfile.TemporaryDirectory(dir=self.home) as private:
            argfile = Path(private) / "format.args"
            quoted = [
                '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"' for arg in arguments
            ]
            kafka_credentials.save_text(argfile, "\n".join(quoted) + "\n")
            with self.log_file.open("ab") as log:
                result = subprocess.run(
                    ["java", f"@{argfile}"], cwd=self.home, stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT, timeout=120,
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
        admin = AIOKafkaAdminClient(**self.client_options(), request_timeout_ms=5000)
        try:
            await admin.start()
            cluster = await admin.describe_cluster()
        finally:
            await admin.close()
        return bool(cluster["brokers"])
