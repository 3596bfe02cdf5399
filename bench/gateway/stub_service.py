"""A stand-in service for the benchmark: verifies the caller's identity as every service does
(clearway_platform.web.deps), then answers a declaration read at once."""

import os

from fastapi import FastAPI

from clearway_platform.web.deps import CallerDep
from clearway_platform.web.errors import install_problem_handlers
from clearway_platform.web.identity_token import IdentityVerifier

DECLARATION = {"id": "0c6f", "customs_number": "802120260000000001", "status": "released"}
PUBLIC_KEY_ENV = "BENCH_GATEWAY_PUBLIC_KEY"


def create_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.identity_verifier = IdentityVerifier(
        audience="declaration", public_keys=[os.environ[PUBLIC_KEY_ENV]]
    )

    @app.get("/v1/declarations/{declaration_id}")
    async def read(declaration_id: str, caller: CallerDep) -> dict[str, str]:
        return DECLARATION

    return app
