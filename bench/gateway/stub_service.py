"""A stand-in service for the benchmark: answers a declaration read at once."""

from fastapi import FastAPI

app = FastAPI()
DECLARATION = {"id": "0c6f", "customs_number": "802120260000000001", "status": "released"}


@app.get("/v1/declarations/{declaration_id}")
async def read(declaration_id: str) -> dict[str, str]:
    return DECLARATION
