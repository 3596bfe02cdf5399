"""Development only: the browser apps sign in as a demo identity (docs/reference-data.md)
without a token copied from `make run`'s output.

The composition root includes this router only in the development profile, so elsewhere
these paths are 404; they are not part of the public API (kept out of the OpenAPI document).
"""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from clearway_gateway.seed import DEMO_OFFICIALS, demo_token
from clearway_gateway.settings import Settings
from clearway_platform.domain_errors import NotFound


class DemoIdentity(BaseModel):
    subject: str
    role: str
    office: str | None = None
    site: str | None = None


class DemoToken(BaseModel):
    subject: str
    token: str
    expires_at: datetime


def demo_signin(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/dev/demo-identities", include_in_schema=False)

    @router.get("")
    async def demo_identities() -> list[DemoIdentity]:
        return [DemoIdentity(subject=subject, **scope) for subject, scope in DEMO_OFFICIALS.items()]

    @router.post("/{subject}/token")
    async def sign_in_as(subject: str) -> DemoToken:
        if subject not in DEMO_OFFICIALS:
            raise NotFound(f"demo identity {subject}")
        token, expires_at = demo_token(settings, subject)
        return DemoToken(subject=subject, token=token, expires_at=expires_at)

    return router
