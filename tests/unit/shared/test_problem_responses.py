"""Every error a client sees is application/problem+json: invalid fields, and outages."""

import httpx
from fastapi import FastAPI
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError

from clearway_platform.web.errors import install_problem_handlers


class Body(BaseModel):
    quantity: int = Field(gt=0)


def app() -> FastAPI:
    application = FastAPI()
    install_problem_handlers(application)

    @application.post("/things")
    async def create(body: Body) -> dict[str, int]:
        return {"quantity": body.quantity}

    @application.get("/database-down")
    async def database_down() -> None:
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))

    return application


def client() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app(), raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def test_an_invalid_field_is_named_with_its_reason() -> None:
    async with client() as http:
        response = await http.post("/things", json={"quantity": 0})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "quantity"
    assert "greater than 0" in error["reason"]


async def test_a_database_outage_is_a_503_to_retry_not_a_500() -> None:
    async with client() as http:
        response = await http.get("/database-down")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.headers["content-type"] == "application/problem+json"
