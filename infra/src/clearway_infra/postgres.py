"""A project-local PostgreSQL cluster run with initdb and pg_ctl."""

import asyncio
import os
import shutil
import subprocess
from pathlib import Path

import asyncpg

from clearway_infra.aio import run_sync
from clearway_infra.errors import InfraError, log_size, log_tail
from clearway_infra.processes import pid_alive

USER = "clearway"
HOST = "127.0.0.1"
START_TIMEOUT = 60
SERVER_SETTINGS = {
    "listen_addresses": HOST,
    "unix_socket_directories": "''",
    "shared_buffers": "256MB",
    "max_connections": "300",
}
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def bin_dir() -> Path:
    """Find the PostgreSQL server binaries: $PG_BIN, the newest Debian install, or PATH."""
    if env := os.environ.get("PG_BIN"):
        return Path(env)
    installs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if installs:
        return installs[-1]
    found = shutil.which("pg_ctl")
    if found is None:
        raise InfraError("PostgreSQL server binaries not found: install them or set PG_BIN")
    return Path(found).resolve().parent


def as_postgres_user() -> list[str]:
    """Return the command prefix that drops root to the postgres user (empty if not root)."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def postgres_can_reach(folder: Path) -> bool:
    """Tell whether the server's user can enter `folder` (always true when not root)."""
    if os.geteuid() != 0:
        return True
    check = subprocess.run([*as_postgres_user(), "test", "-x", str(folder)], cwd="/")
    return check.returncode == 0


class PostgresCluster:
    """One PostgreSQL cluster in `data_dir`, listening on 127.0.0.1:`port` only.

    Superuser `clearway`, trust authentication, TCP only (no Unix socket). When run
    as root, initdb and the server run as the `postgres` user. `fast` turns fsync,
    synchronous_commit and full_page_writes off: for throwaway test clusters only.
    """

    def __init__(self, data_dir: Path, port: int, log_file: Path, *, fast: bool = False) -> None:
        self.data_dir = data_dir.absolute()
        self.port = port
        self.log_file = log_file.absolute()
        self.fast = fast
        self.bin = bin_dir()
        self._log_start = 0

    def url(self, database: str, driver: str = "postgresql+asyncpg") -> str:
        """Return an SQLAlchemy URL for `database`."""
        return f"{driver}://{USER}@{HOST}:{self.port}/{database}"

    def dsn(self, database: str) -> str:
        """Return a libpq DSN for `database` (psql, asyncpg, pgbench)."""
        return self.url(database, driver="postgresql")

    def pid(self) -> int | None:
        """Return the postmaster's pid if it is running."""
        try:
            pid = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if pid_alive(pid) else None

    def is_running(self) -> bool:
        """Tell whether the cluster's postmaster is running."""
        return self.pid() is not None

    def start(self) -> None:
        """Create the cluster if needed, start it and wait until it accepts connections."""
        if self.is_running():
            raise InfraError(f"PostgreSQL in {self.data_dir} is already running")
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self._log_start = log_size(self.log_file)
        self._prepare_data_dir()
        if not any(self.data_dir.iterdir()):
            self._initdb()
        options = " ".join(f"-c {key}={value}" for key, value in self._settings().items())
        self._run(
            "pg_ctl", "start", "-D", str(self.data_dir), "-w", "-t", str(START_TIMEOUT),
            "-o", options, what="start PostgreSQL",
        )  # fmt: skip
        try:
            run_sync(self._wait_for_connection())
        except (OSError, asyncpg.PostgresError) as error:
            raise InfraError(
                f"PostgreSQL started but refuses connections: {error}\n"
                + log_tail(self.log_file, since=self._log_start)
            ) from error

    def stop(self) -> None:
        """Stop the cluster (fast shutdown) if it is running."""
        if not self.is_running():
            return
        self._run(
            "pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w",
            "-t", str(START_TIMEOUT), what="stop PostgreSQL",
        )  # fmt: skip

    def create_database(self, name: str) -> None:
        """Create database `name` unless it exists."""
        run_sync(self._create_database(name))

    def _settings(self) -> dict[str, str]:
        settings = {"port": str(self.port), **SERVER_SETTINGS}
        if self.fast:
            settings.update(FAST_SETTINGS)
        return settings

    def _prepare_data_dir(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            return
        shutil.chown(self.data_dir, "postgres", "postgres")
        if not postgres_can_reach(self.data_dir):
            raise InfraError(
                f"The postgres user cannot reach {self.data_dir}: a parent folder is private "
                "(for example /root or a mode 700 temp folder). Choose a data folder whose "
                "parents are world-searchable (chmod o+x), such as one under /tmp or the repo."
            )

    def _initdb(self) -> None:
        args = ["-D", str(self.data_dir), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C"]
        if self.fast:
            args.append("--no-sync")
        self._run("initdb", *args, what="create the PostgreSQL cluster (initdb)")

    def _run(self, program: str, *args: str, what: str) -> None:
        """Run a PostgreSQL program as the server's user, its output appended to the log."""
        command = [*as_postgres_user(), str(self.bin / program), *args]
        since = log_size(self.log_file)
        with self.log_file.open("ab") as log:
            result = subprocess.run(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, cwd="/"
            )
        if result.returncode != 0:
            raise InfraError(
                f"Could not {what} (exit code {result.returncode}).\n"
                + log_tail(self.log_file, since=since)
            )

    async def _wait_for_connection(self, attempts: int = 50) -> None:
        for attempt in range(attempts):
            try:
                connection = await asyncpg.connect(self.dsn("postgres"), timeout=5)
            except (OSError, asyncpg.CannotConnectNowError):
                if attempt == attempts - 1:
                    raise
                await asyncio.sleep(0.2)
            else:
                await connection.close()
                return

    async def _create_database(self, name: str) -> None:
        connection = await asyncpg.connect(self.dsn("postgres"), timeout=10)
        try:
            exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if not exists:
                quoted = '"' + name.replace('"', '""') + '"'
                await connection.execute(f"CREATE DATABASE {quoted}")
        finally:
            await connection.close()
