"""The passwords of a local broker's principals: random per broker, kept beside its data.

Generated when the broker's log folder is formatted (the SCRAM credentials go into the
metadata log then), stored in ``credentials.json`` in the broker's home, readable by its
owner only (0600), and read back by whoever starts services against that broker.
"""

import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from clearway_contracts.events.topology import PARTICIPANTS
from clearway_infra.errors import InfraError

ADMIN = "admin"
"""Super user: creates topics and ACLs, and is what tests and benchmarks observe Kafka as."""

CONTROLLER = "controller"
"""Super user of the controller listener only (SASL PLAIN, a static JAAS user): SCRAM
credentials live in the metadata log, which the controller serves, so it cannot use them."""


def scram_principals() -> list[str]:
    """The SCRAM users of a local broker: the admin and one per service that uses Kafka."""
    return [ADMIN, *(participant.principal for participant in PARTICIPANTS)]


def generate() -> dict[str, str]:
    return {name: secrets.token_hex(24) for name in [*scram_principals(), CONTROLLER]}


def save(path: Path, passwords: Mapping[str, str]) -> None:
    save_text(path, json.dumps(dict(passwords), indent=2) + "\n")


def save_text(path: Path, text: str) -> None:
    """Write a file holding secrets: readable by its owner only, not even for a moment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)
    path.chmod(0o600)  # if it existed with other bits


def load(path: Path) -> dict[str, str]:
    try:
        passwords: dict[str, str] = json.loads(path.read_text())
    except FileNotFoundError:
        raise InfraError(f"{path} is missing: the Kafka credentials were never created") from None
    except (OSError, ValueError) as error:
        raise InfraError(f"{path} is unreadable: {error}") from error
    missing = {*scram_principals(), CONTROLLER} - passwords.keys()
    if missing:
        raise InfraError(f"{path} has no password for {sorted(missing)}")
    return passwords
