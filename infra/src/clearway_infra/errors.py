"""The one error type of this package, and log excerpts for its messages."""

from pathlib import Path

ERROR_MARKERS = ("ERROR", "FATAL", "PANIC", "Exception")


class InfraError(RuntimeError):
    """A local server could not be fetched, started or stopped."""


def log_size(path: Path) -> int:
    """Return the size of a log file (0 if missing), to report only what follows."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def log_tail(path: Path, lines: int = 40, since: int = 0) -> str:
    """Return the first error lines after byte `since` and the last `lines` lines of a log."""
    try:
        with path.open("rb") as log:
            log.seek(since)
            text = log.read().decode(errors="replace")
    except OSError:
        return f"(no log at {path})"
    all_lines = text.splitlines()
    errors = [line for line in all_lines if any(m in line for m in ERROR_MARKERS)][:5]
    report = ""
    if errors:
        report = f"--- first errors in {path} ---\n" + "\n".join(errors) + "\n"
    tail = "\n".join(all_lines[-lines:])
    return f"{report}--- last {lines} lines of {path} ---\n{tail}"
