"""Fetching the Apache Kafka broker jars from Maven Central, once per version."""

import fcntl
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from clearway_infra.errors import InfraError

POM = Path(__file__).resolve().parents[2] / "kafka" / "pom.xml"
MARKER = "fetched"


def major_version(version: str) -> int:
    """Return the major number of a Kafka version such as "3.9.1"."""
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise InfraError(f"Not a Kafka release version: {version!r} (expected e.g. 3.9.1)")
    return int(version.split(".")[0])


def libs_dir(cache_dir: Path, version: str) -> Path:
    """Return where the jars of `version` live in the cache."""
    return cache_dir / version / "libs"


def ensure_jars(cache_dir: Path, version: str) -> Path:
    """Return the jar folder of `version`, fetching it with mvn if not cached yet."""
    profile = {3: "kafka3", 4: "kafka4"}.get(major_version(version))
    if profile is None:
        raise InfraError(f"Kafka {version} is not supported: use a 3.x or 4.x release")
    folder = cache_dir / version
    if (folder / MARKER).exists():
        return folder / "libs"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be fetching the same version
        if not (folder / MARKER).exists():
            _fetch(folder, version, profile)
    return folder / "libs"


def _fetch(folder: Path, version: str, profile: str) -> None:
    if shutil.which("mvn") is None:
        raise InfraError("Maven (mvn) is needed once to fetch the Kafka jars: install it")
    if not POM.exists():
        raise InfraError(f"{POM} is missing: install clearway-infra from the repository")
    print(
        f"fetching Kafka {version} jars from Maven Central (first time only)…",
        file=sys.stderr,
        flush=True,
    )
    started = time.monotonic()
    partial = folder / "libs.partial"
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        "mvn", "-q", "-B", "-f", str(POM), f"-Dkafka.version={version}", f"-P{profile}",
        "dependency:copy-dependencies", f"-DoutputDirectory={partial}",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        output = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        raise InfraError(
            f"mvn could not fetch Kafka {version} (exit {result.returncode}):\n{output}"
        )
    shutil.rmtree(folder / "libs", ignore_errors=True)
    partial.rename(folder / "libs")
    (folder / MARKER).write_text(f"{version} {profile}\n")
    print(f"fetched Kafka {version} in {time.monotonic() - started:.0f} s", file=sys.stderr)
