"""Liveness and readiness endpoints (metrics are served on their own port: metrics_server)."""

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from clearway_platform.web.deps import RuntimeDep

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database and Kafka are reachable")
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    """Reports both; only what this process's roles need decides readiness: an API process
    keeps taking declarations while Kafka restarts (they wait in the outbox), a relay or a
    consumer without Kafka is not ready."""
    checks = {"database": await _database_ok(runtime)}
    needed = ["database"]
    if runtime.uses_kafka:
        checks["kafka"] = await _kafka_ok(runtime)
        if runtime.settings.roles & {"relay", runtime.settings.consumer_role}:
            needed.append("kafka")
    ready = all(checks[name] for name in needed)
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status_code=200 if ready else 503,
    )


async def _database_ok(runtime: RuntimeDep) -> bool:
    try:
        async with asyncio.timeout(2):
            async with runtime.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


async def _kafka_ok(runtime: RuntimeDep) -> bool:
    if not runtime.kafka_started:
        return False
    try:
        async with asyncio.timeout(2):
            await runtime.producer.client.fetch_all_metadata()
        return True
    except Exception:
        return False
