"""A gateway on a real PostgreSQL (migrated, seeded), with stub services behind it."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from clearway_gateway.app import create_app
from clearway_gateway.seed import demo_tokens, seed_with
from clearway_gateway.settings import DEMO_API_KEY, Settings
from clearway_infra.ports import free_port
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.uow import UnitOfWork
from tests.support.http import serve
from tests.support.identity import gateway_settings
from tests.support.infra import TestInfra

pytestmark = pytest.mark.integration


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class StubService:
    """Answers every call like a service would, and remembers what it was sent.

    ``answers``, if given, decides each answer from the method and path: (status, body).
    """

    seen: list[Seen] = field(default_factory=list)
    answers: Callable[[str, str], tuple[int, Any]] | None = None

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.api_route("/{path:path}", methods=["GET", "POST", "PUT"])
        async def answer(path: str, request: Request) -> JSONResponse:
            raw = await request.body()
            body = await request.json() if raw else None
            self.seen.append(Seen(request.method, f"/{path}", dict(request.headers), body))
            if self.answers is not None:
                status, answer = self.answers(request.method, f"/{path}")
                return JSONResponse(answer, status_code=status)
            if request.method == "POST" and path == "v1/declarations":
                assert body is not None
                lodged = {
                    "id": "0c6f",
                    "customs_number": "802120260000000001",
                    "status": "accepted",
                    "routing": body["routing"],
                }
                return JSONResponse(
                    lodged, status_code=201, headers={"Location": "/v1/declarations/0c6f"}
                )
            return JSONResponse({"path": f"/{path}", "items": []})

        return app


@dataclass
class Gateway:
    client: httpx.AsyncClient
    settings: Settings
    stub: StubService
    tokens: dict[str, str]
    uow: UnitOfWork

    @property
    def demo_key(self) -> dict[str, str]:
        return {"X-API-Key": DEMO_API_KEY}

    def bearer(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


@pytest.fixture
async def gateway(infra: TestInfra) -> AsyncIterator[Gateway]:
    async with running_gateway(infra) as running:
        yield running


@pytest.fixture
async def gateway_with_release_down(infra: TestInfra) -> AsyncIterator[Gateway]:
    async with running_gateway(infra, release_down=True) as running:
        yield running


@asynccontextmanager
async def running_gateway(
    infra: TestInfra,
    *,
    release_down: bool = False,
    stub: StubService | None = None,
    **settings_changes: Any,
) -> AsyncIterator[Gateway]:
    database_url = await infra.migrated_database("gateway")
    stub = stub or StubService()
    async with serve(stub.app()) as stub_url:
        nothing_listens = f"http://127.0.0.1:{free_port()}"
        fields: dict[str, Any] = {
            "database_url": database_url,
            "database_pool_size": 4,
            "kafka_bootstrap_servers": infra.kafka_bootstrap,
            "roles": {"api"},
            "declaration_url": stub_url,
            "inspection_url": stub_url,
            "release_url": nothing_listens if release_down else stub_url,
            "upstream_connect_timeout_seconds": 0.5,
            "upstream_timeout_seconds": 2,
            "rate_limit_per_second": 1,
            "rate_limit_burst": 20,
            "profile": "development",  # the demo API key, as `make run`
            **gateway_settings(),
        }
        settings = Settings(**fields | settings_changes)
        engine = create_engine(database_url, pool_size=2)
        uow = UnitOfWork(create_session_factory(engine), source="test")
        await seed_with(uow, demo_api_key=DEMO_API_KEY)
        async with serve(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
            yield Gateway(client, settings, stub, demo_tokens(settings), uow)
        await engine.dispose()
