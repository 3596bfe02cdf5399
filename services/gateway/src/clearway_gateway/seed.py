"""Demo reference data (docs/reference-data.md): offices, declarants and, in the development
profile only, the demo API key and demo officials' tokens."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from clearway_gateway.auth import service as auth_service
from clearway_gateway.auth.keys import hash_secret
from clearway_gateway.auth.tokens import TokenError, issue_token
from clearway_gateway.db import api_keys, declarants
from clearway_gateway.offices import service as offices_service
from clearway_gateway.offices.reference import DEMO_OFFICES
from clearway_gateway.settings import Settings
from clearway_platform.clock import system_clock
from clearway_platform.db import create_engine, create_session_factory
from clearway_platform.uow import UnitOfWork

DEMO_DECLARANTS = (
    {
        "customs_code": "6501234567",
        "name": "Silk Road Auto Export Co.",
        "aeo_level": "advanced_certified",
    },
    {
        "customs_code": "5001987654",
        "name": "Chongqing Rail Motors Trading",
        "aeo_level": "registered",
    },
)
DEMO_KEY_HOLDER = "6501234567"
DEMO_OFFICIALS: dict[str, dict[str, str]] = {
    "inspector-hrg": {"role": "inspector", "office": "8021", "site": "HRG-1"},
    "officer-hrg": {"role": "officer", "office": "8021"},
    "admin": {"role": "admin"},
}


async def seed(settings: Settings) -> None:
    engine = create_engine(settings.database_url, pool_size=2)
    try:
        uow = UnitOfWork(create_session_factory(engine), source=settings.event_source)
        await seed_with(uow, demo_api_key=settings.demo_key)
    finally:
        await engine.dispose()
    if settings.demo_key is None:
        print("gateway: production profile, so no demo credentials; see `keys create`")
        return
    print(f"demo forwarder API key ({DEMO_KEY_HOLDER}): {settings.demo_key}")
    try:
        for who, token in demo_tokens(settings).items():
            print(f"demo {who} token: {token}")
    except TokenError as exc:
        print(f"no demo tokens: {exc}")
    print(
        "try it (from the repository root):\n"
        f"  curl -s -X POST http://127.0.0.1:{settings.port}/v1/declarations \\\n"
        f'    -H "X-API-Key: {settings.demo_key}" \\\n'
        '    -H "Content-Type: application/json" -H "Idempotency-Key: try-1" \\\n'
        "    -d @docs/examples/lodge-local-car.json"
    )


def demo_tokens(settings: Settings) -> dict[str, str]:
    """Bearer tokens of the demo identities, valid for the configured lifetime."""
    return {subject: demo_token(settings, subject)[0] for subject in DEMO_OFFICIALS}


def demo_token(settings: Settings, subject: str) -> tuple[str, datetime]:
    """A bearer token of one demo identity, and when it expires."""
    now = system_clock()
    lifetime = timedelta(minutes=settings.token_lifetime_minutes)
    token = issue_token(
        keys=settings.token_keys(),
        subject=subject,
        now=now,
        lifetime=lifetime,
        **DEMO_OFFICIALS[subject],
    )
    return token, now + lifetime


async def seed_with(uow: UnitOfWork, *, demo_api_key: str | None) -> None:
    """Idempotent: run it again and nothing changes. No demo key unless one is given."""
    async with uow:
        await uow.session.execute(
            insert(declarants).values(DEMO_DECLARANTS).on_conflict_do_nothing()
        )
        await uow.commit()
    for office in DEMO_OFFICES:
        await offices_service.seed_office(uow=uow, office=office)
    if demo_api_key is None:
        return
    async with uow:
        query = select(api_keys.c.key_id).where(api_keys.c.secret_hash == hash_secret(demo_api_key))
        known = (await uow.session.execute(query)).first()
    if known is None:
        await auth_service.create_key(
            uow=uow, declarant=DEMO_KEY_HOLDER, label="demo", secret=demo_api_key
        )
