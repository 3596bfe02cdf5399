"""PostgreSQL and Kafka together, with their state in a folder other processes can read."""

import json
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from clearway_infra.errors import InfraError
from clearway_infra.kafka import KafkaBroker, default_version
from clearway_infra.kafka_credentials import ADMIN
from clearway_infra.ports import free_port, port_is_free
from clearway_infra.postgres import PostgresCluster, postgres_can_reach

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_STATE_DIR = REPO_ROOT / ".local"


def default_cache_dir() -> Path:
    """Return the shared Kafka jar cache: $CLEARWAY_KAFKA_CACHE or <repo>/.local/cache/kafka."""
    env = os.environ.get("CLEARWAY_KAFKA_CACHE")
    return Path(env) if env else DEFAULT_STATE_DIR / "cache" / "kafka"


class LocalStack:
    """A local PostgreSQL cluster and Kafka broker whose state lives in `state_dir`.

    `state.json` in that folder records ports, pids and URLs, so that `status()` and
    `down()` work from another process. Ports not given are reused from the last run
    when still free, else chosen freely.
    """

    def __init__(
        self,
        state_dir: Path | None = None,
        *,
        kafka_version: str | None = None,
        postgres_port: int | None = None,
        kafka_port: int | None = None,
        controller_port: int | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.state_dir = (state_dir or DEFAULT_STATE_DIR).absolute()
        self.kafka_version = kafka_version or default_version()
        self.cache_dir = cache_dir or default_cache_dir()
        self._ports = {
            "postgres": postgres_port,
            "kafka": kafka_port,
            "controller": controller_port,
        }
        self._postgres_root = self.state_dir / "postgres"
        self._scratch: Path | None = None
        self.postgres: PostgresCluster | None = None
        self.kafka: KafkaBroker | None = None

    @classmethod
    def ephemeral(cls, tmp_dir: Path, kafka_version: str | None = None) -> "LocalStack":
        """Return a stack with fresh data folders and free ports under `tmp_dir`, for tests.

        When root runs it and the postgres user cannot enter `tmp_dir` (pytest's temp
        folders are mode 700), the PostgreSQL data goes to a private temp folder that
        `down()` deletes.
        """
        tmp_dir.mkdir(parents=True, exist_ok=True)
        ports: set[int] = set()
        while len(ports) < 3:
            ports.add(free_port())
        postgres_port, kafka_port, controller_port = sorted(ports)
        stack = cls(
            tmp_dir,
            kafka_version=kafka_version,
            postgres_port=postgres_port,
            kafka_port=kafka_port,
            controller_port=controller_port,
        )
        if not postgres_can_reach(tmp_dir):
            stack._scratch = Path(tempfile.mkdtemp(prefix="clearway-pg-"))
            stack._scratch.chmod(0o711)
            stack._postgres_root = stack._scratch
        return stack

    @property
    def state_file(self) -> Path:
        """Return the path of state.json."""
        return self.state_dir / "state.json"

    @property
    def admin_dsn(self) -> str:
        """Return the superuser DSN of the maintenance database `postgres`."""
        postgres = self.postgres or self._postgres_from(self._read_state())
        if postgres is None:
            raise InfraError("PostgreSQL has not been started: run `up` first")
        return postgres.dsn("postgres")

    @property
    def kafka_bootstrap(self) -> str:
        """Return the Kafka bootstrap servers."""
        return self._broker().bootstrap_servers

    @property
    def kafka_passwords(self) -> dict[str, str]:
        """Return the password of each Kafka principal (``admin`` and one per service)."""
        return self._broker().passwords

    def kafka_client_options(self, principal: str = ADMIN) -> dict[str, Any]:
        """Return what a Kafka client needs to log in as ``principal`` (default: the admin)."""
        return self._broker().client_options(principal)

    def _broker(self) -> KafkaBroker:
        kafka = self.kafka or self._kafka_from(self._read_state())
        if kafka is None:
            raise InfraError("Kafka has not been started: run `up` first")
        return kafka

    def up(self, databases: list[str], fast: bool = False) -> dict[str, Any]:
        """Start whatever is not running yet, create `databases`; return `status()`."""
        state = self._read_state()
        old_postgres, old_kafka = self._postgres_from(state), self._kafka_from(state)
        postgres_running = old_postgres is not None and old_postgres.is_running()
        kafka_running = old_kafka is not None and old_kafka.is_running()
        if old_kafka and kafka_running and old_kafka.version != self.kafka_version:
            raise InfraError(f"Kafka {old_kafka.version} is running here: run `down` first")
        self.postgres = PostgresCluster(
            old_postgres.data_dir if old_postgres else self._postgres_root / "data",
            self._port("postgres", old_postgres.port if old_postgres else None, postgres_running),
            self.state_dir / "logs" / "postgres.log",
            fast=fast,
        )
        self.kafka = KafkaBroker(
            self.state_dir / f"kafka-{self.kafka_version}",
            self.kafka_version,
            self._port("kafka", old_kafka.port if old_kafka else None, kafka_running),
            self._port(
                "controller", old_kafka.controller_port if old_kafka else None, kafka_running
            ),
            self.state_dir / "logs" / f"kafka-{self.kafka_version}.log",
            self.cache_dir,
        )
        self._start_both(self.postgres, self.kafka, databases)
        self.kafka.open_backbone()
        known = set(state.get("postgres", {}).get("databases", []))
        self._write_state(sorted(known | set(databases)))
        return self.status()

    def down(self) -> None:
        """Stop Kafka and PostgreSQL (also when started by another process)."""
        state = self._read_state()
        kafka = self.kafka or self._kafka_from(state)
        postgres = self.postgres or self._postgres_from(state)
        if kafka is not None:
            kafka.stop()
        if postgres is not None:
            postgres.stop()
        scratch = self._scratch or (Path(state["scratch"]) if state.get("scratch") else None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
            state.pop("scratch", None)
            state.pop("postgres", None)
        if state:
            state.get("postgres", {}).pop("pid", None)
            state.get("kafka", {}).pop("pid", None)
            self.state_file.write_text(json.dumps(state, indent=2) + "\n")

    def status(self) -> dict[str, Any]:
        """Return ports, pids, URLs and whether each server is running."""
        state = self._read_state()
        postgres, kafka = self._postgres_from(state), self._kafka_from(state)
        result: dict[str, Any] = {"state_dir": str(self.state_dir), "postgres": None, "kafka": None}
        if postgres is not None:
            databases = state["postgres"].get("databases", [])
            result["postgres"] = {
                "running": postgres.is_running(),
                "pid": postgres.pid(),
                "port": postgres.port,
                "dsn": postgres.dsn("postgres"),
                "databases": {name: postgres.url(name) for name in databases},
                "log": str(postgres.log_file),
            }
        if kafka is not None:
            result["kafka"] = {
                "running": kafka.is_running(),
                "pid": kafka.pid(),
                "version": kafka.version,
                "port": kafka.port,
                "controller_port": kafka.controller_port,
                "bootstrap_servers": kafka.bootstrap_servers,
                "credentials": str(kafka.credentials_file),
                "log": str(kafka.log_file),
            }
        return result

    def _start_both(
        self, postgres: PostgresCluster, kafka: KafkaBroker, databases: list[str]
    ) -> None:
        """Start Kafka in a helper thread while PostgreSQL starts; undo both on failure."""
        started_postgres = False
        with ThreadPoolExecutor(max_workers=1) as pool:
            kafka_started = pool.submit(kafka.start) if not kafka.is_running() else None
            try:
                if not postgres.is_running():
                    postgres.start()
                    started_postgres = True
                for name in databases:
                    postgres.create_database(name)
            except BaseException:
                if kafka_started is not None:
                    kafka_started.cancel()
                    _ = kafka_started.exception()  # wait for it to finish, then stop it
                    kafka.stop()
                raise
            try:
                if kafka_started is not None:
                    kafka_started.result()
            except BaseException:
                if started_postgres:
                    postgres.stop()
                raise

    def _port(self, name: str, saved: int | None, in_use_by_us: bool) -> int:
        """Return the port given, else the last one if still ours or free, else a free one."""
        given = self._ports[name]
        if given is not None:
            return given
        if saved is not None and (in_use_by_us or port_is_free(saved)):
            return saved
        return free_port()

    def _read_state(self) -> dict[str, Any]:
        try:
            state: dict[str, Any] = json.loads(self.state_file.read_text())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise InfraError(f"{self.state_file} is unreadable: {error}") from error
        return state

    def _write_state(self, databases: list[str]) -> None:
        assert self.postgres is not None and self.kafka is not None
        state: dict[str, Any] = {
            "postgres": {
                "port": self.postgres.port,
                "pid": self.postgres.pid(),
                "data_dir": str(self.postgres.data_dir),
                "log": str(self.postgres.log_file),
                "dsn": self.postgres.dsn("postgres"),
                "databases": databases,
                "urls": {name: self.postgres.url(name) for name in databases},
            },
            "kafka": {
                "version": self.kafka.version,
                "port": self.kafka.port,
                "controller_port": self.kafka.controller_port,
                "pid": self.kafka.pid(),
                "home": str(self.kafka.home),
                "log": str(self.kafka.log_file),
                "cache_dir": str(self.kafka.cache_dir),
                "bootstrap_servers": self.kafka.bootstrap_servers,
                "credentials": str(self.kafka.credentials_file),
            },
        }
        if self._scratch is not None:
            state["scratch"] = str(self._scratch)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.state_file.write_text(json.dumps(state, indent=2) + "\n")

    @staticmethod
    def _postgres_from(state: dict[str, Any]) -> PostgresCluster | None:
        saved = state.get("postgres")
        if not saved or "data_dir" not in saved:
            return None
        return PostgresCluster(Path(saved["data_dir"]), saved["port"], Path(saved["log"]))

    @staticmethod
    def _kafka_from(state: dict[str, Any]) -> KafkaBroker | None:
        saved = state.get("kafka")
        if not saved or "home" not in saved:
            return None
        return KafkaBroker(
            Path(saved["home"]),
            saved["version"],
            saved["port"],
            saved["controller_port"],
            Path(saved["log"]),
            Path(saved["cache_dir"]),
        )
