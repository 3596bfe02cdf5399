"""Every Kafka consumer of ours reads committed records only: the relay publishes in
transactions (ADR 0028), and a read_uncommitted reader would also see aborted batches."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SOURCES = ["shared", "services", "infra", "bench", "tests"]


def consumers_built() -> list[tuple[str, ast.Call]]:
    found = []
    for folder in SOURCES:
        for path in sorted((REPO / folder).rglob("*.py")):
            if ".venv" in path.parts or "node_modules" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == (
                    "AIOKafkaConsumer"
                ):
                    found.append((f"{path.relative_to(REPO)}:{node.lineno}", node))
    return found


def test_every_consumer_reads_committed_records_only() -> None:
    built = consumers_built()
    assert len(built) >= 5  # the services', the dead-letter replay's, the tests' and bench's
    unsafe = [
        where
        for where, call in built
        if not any(
            keyword.arg == "isolation_level"
            and isinstance(keyword.value, ast.Constant)
            and keyword.value.value == "read_committed"
            for keyword in call.keywords
        )
    ]
    assert not unsafe, f"consumers without isolation_level='read_committed': {unsafe}"
