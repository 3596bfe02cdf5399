"""JWT bearer tokens: what is trusted, and what is refused with a reason."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from clearway_gateway.auth.tokens import TokenError, TokenKeys, issue_token, verify_token

DEV = TokenKeys(audience="clearway", issuer="clearway-gateway", secret="s" * 40)
HOUR = timedelta(hours=1)


def now() -> datetime:
    return datetime.now(UTC)


def rsa_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def test_an_inspector_token_carries_its_office_and_site() -> None:
    token = issue_token(
        keys=DEV,
        subject="inspector-hrg",
        role="inspector",
        office="8021",
        site="HRG-1",
        now=now(),
        lifetime=HOUR,
    )
    claims = verify_token(token, keys=DEV)
    assert (claims.subject, claims.role, claims.office, claims.site) == (
        "inspector-hrg",
        "inspector",
        "8021",
        "HRG-1",
    )


def test_an_expired_token_is_refused() -> None:
    token = issue_token(
        keys=DEV, subject="admin", role="admin", now=now() - 2 * HOUR, lifetime=HOUR
    )
    with pytest.raises(TokenError, match="expired"):
        verify_token(token, keys=DEV)


def test_a_token_for_another_audience_is_refused() -> None:
    other = TokenKeys(audience="elsewhere", issuer=DEV.issuer, secret=DEV.secret)
    token = issue_token(keys=other, subject="admin", role="admin", now=now(), lifetime=HOUR)
    with pytest.raises(TokenError, match="audience"):
        verify_token(token, keys=DEV)


def test_a_forged_signature_is_refused() -> None:
    forger = TokenKeys(audience=DEV.audience, issuer=DEV.issuer, secret="f" * 40)
    token = issue_token(keys=forger, subject="admin", role="admin", now=now(), lifetime=HOUR)
    with pytest.raises(TokenError, match="signature"):
        verify_token(token, keys=DEV)


def test_an_unsigned_token_is_refused() -> None:
    token = jwt.encode({"sub": "admin", "role": "admin"}, key="", algorithm="none")
    with pytest.raises(TokenError, match="none"):
        verify_token(token, keys=DEV)


def test_an_inspector_without_a_site_is_refused() -> None:
    payload = {
        "sub": "x",
        "role": "inspector",
        "office": "8021",
        "aud": "clearway",
        "iss": "clearway-gateway",
        "exp": now() + HOUR,
    }
    assert DEV.secret is not None
    with pytest.raises(TokenError, match="site"):
        verify_token(jwt.encode(payload, DEV.secret, algorithm="HS256"), keys=DEV)


def test_rs256_tokens_verify_with_any_configured_public_key() -> None:
    old_private, old_public = rsa_pair()
    new_private, new_public = rsa_pair()
    verifier = TokenKeys(audience="clearway", issuer="idp", public_keys=(old_public, new_public))
    for private in (old_private, new_private):
        signer = TokenKeys(audience="clearway", issuer="idp", private_key=private)
        token = issue_token(
            keys=signer,
            subject="officer-hrg",
            role="officer",
            office="8021",
            now=now(),
            lifetime=HOUR,
        )
        assert verify_token(token, keys=verifier).role == "officer"


def test_hs256_is_refused_where_only_rs256_keys_are_configured() -> None:
    _, public = rsa_pair()
    verifier = TokenKeys(audience="clearway", issuer="clearway-gateway", public_keys=(public,))
    token = issue_token(keys=DEV, subject="admin", role="admin", now=now(), lifetime=HOUR)
    with pytest.raises(TokenError, match="HS256"):
        verify_token(token, keys=verifier)
