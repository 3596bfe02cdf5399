"""The secrets of a local system (`make run`, the resilience tests, the benchmarks).

Generated on first use and kept with the rest of the state in `<state dir>/secrets.json`,
readable only by its owner (mode 0600), so every run on the same `.local` state shares them
and tokens printed yesterday still verify. Nothing here is fixed in the source: the one
published credential, the demo API key of the README, comes from the development profile.
"""

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from clearway_platform.signing_keys import new_key_pair

FILE_NAME = "secrets.json"


@dataclass(frozen=True)
class LocalSecrets:
    jwt_secret: str  # HS256, for the demo officials' tokens
    internal_signing_key: str  # the gateway's Ed25519 private key, PEM
    internal_public_key: str  # what the services verify identities with, PEM

    @classmethod
    def of(cls, state_dir: Path) -> "LocalSecrets":
        """The secrets kept in ``state_dir``, made (mode 0600) if there are none yet."""
        path = state_dir / FILE_NAME
        if path.exists():
            return cls(**json.loads(path.read_text()))
        pair = new_key_pair()
        made = cls(
            jwt_secret=secrets.token_urlsafe(32),
            internal_signing_key=pair.private_pem,
            internal_public_key=pair.public_pem,
        )
        state_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            json.dump(asdict(made), file, indent=2)
        return made

    def env(self, service: str) -> dict[str, str]:
        """The environment ``service`` needs for its secrets (development profile)."""
        if service == "gateway":
            return {
                "GATEWAY_INTERNAL_SIGNING_KEY": self.internal_signing_key,
                "GATEWAY_JWT_SECRET": self.jwt_secret,
            }
        return {f"{service.upper()}_GATEWAY_PUBLIC_KEYS": self.internal_public_key}
