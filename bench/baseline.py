"""The raw PostgreSQL commit rate on this machine, measured with pgbench in the same run."""

import re
import subprocess
import tempfile
from pathlib import Path

from clearway_infra.postgres import bin_dir

INSERT_SCRIPT = "INSERT INTO bench_rows (payload) VALUES (repeat('x', 200));\n"


def pgbench_inserts(dsn: str, *, clients: int, seconds: int = 10) -> float:
    """One-row insert transactions per second, fsync on, ``clients`` connections."""
    subprocess.run(
        [
            str(bin_dir() / "psql"),
            dsn,
            "-qc",
            "CREATE TABLE IF NOT EXISTS bench_rows (id bigserial primary key, payload text)",
        ],
        check=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "insert.sql"
        script.write_text(INSERT_SCRIPT)
        result = subprocess.run(
            [
                str(bin_dir() / "pgbench"),
                "-n",
                "-f",
                str(script),
                "-c",
                str(clients),
                "-j",
                "2",
                "-T",
                str(seconds),
                dsn,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    match = re.search(r"tps = ([\d.]+)", result.stdout)
    if not match:
        raise RuntimeError(f"pgbench printed no tps:\n{result.stdout}\n{result.stderr}")
    return float(match.group(1))
