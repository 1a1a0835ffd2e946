"""Secrets people and programs present: argon2 password hashes, random tokens stored hashed."""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verifying against this when the account does not exist takes as long as a real check, so
# response time does not tell an attacker which addresses have accounts.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when the password matches; always spends the same argon2 work."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token(prefix: str) -> str:
    """A random bearer token, readable at a glance: 'cvg_live_...'."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    """What is stored instead of a token: its SHA-256 (tokens are random, so no salt needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def signed(value: str, *, key: str, purpose: str) -> str:
    """An HMAC of `value` for `purpose`, e.g. a CSRF token bound to a login session."""
    message = f"{purpose}:{value}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


class PassInvalid(Exception):
    """A pass that was altered, was never ours, or has expired."""


def make_pass(claims: dict[str, str], *, key: str, expires_at: datetime) -> str:
    """A signed, expiring set of claims, for one service to vouch for a person to another
    (the events console sends organizers to the registrations pages with one)."""
    body = {**claims, "exp": int(expires_at.timestamp())}
    payload = base64.urlsafe_b64encode(json.dumps(body, sort_keys=True).encode()).decode()
    return f"{payload.rstrip('=')}.{signed(payload.rstrip('='), key=key, purpose='pass')}"


def read_pass(token: str, *, key: str, now: datetime) -> dict[str, str]:
    payload, _, signature = token.partition(".")
    if not signature or not constant_time_equal(
        signature, signed(payload, key=key, purpose="pass")
    ):
        raise PassInvalid()
    try:
        body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise PassInvalid() from exc
    if int(body.pop("exp", 0)) < now.timestamp():
        raise PassInvalid()
    return {name: str(value) for name, value in body.items()}
