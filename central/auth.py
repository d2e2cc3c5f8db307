"""Kiosk credentials: bearer tokens and one-time enrolment codes.

Tokens are ``secrets.token_urlsafe(32)`` (256 random bits). The server keeps
only their SHA-256: a slow password hash (scrypt, PBKDF2) exists to stretch
guessable human secrets, and a 256-bit random value cannot be guessed, so a
fast hash is enough and keeps every request cheap. Looking a token up by its
hash leaks nothing useful through timing, since an attacker would need a
preimage of the hash to exploit it.

Enrolment codes are 16 characters from an alphabet without look-alike
letters (80 random bits), shown as four groups of four for typing. They live
7 days, work once, and are locked after ten wrong attempts, so online
guessing is hopeless and SHA-256 storage is again sufficient.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from .errors import ApiError

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no I, L, O, 0, 1
CODE_LENGTH = 16

WWW_AUTHENTICATE = 'Bearer realm="central"'


def new_token() -> str:
    """A fresh bearer token; shown once, stored only as :func:`hash_secret`."""
    return secrets.token_urlsafe(32)


def new_enrolment_code() -> str:
    """A fresh one-time enrolment code such as ``K7QM-4XRT-9PWD-H2NC``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """What is compared: upper case, without spaces and hyphens."""
    return "".join(ch for ch in code.upper() if ch not in " -")


def hash_secret(secret: str) -> str:
    """SHA-256 hex digest of a token or a normalised code."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_hash(stored: str, presented: str) -> bool:
    """Constant-time comparison of two hex digests."""
    return hmac.compare_digest(stored, presented)


def bearer_token(header: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header, or ApiError 401."""
    if not header:
        raise ApiError(
            401,
            "missing_token",
            "Send the kiosk's token as Authorization: Bearer <token>.",
            headers={"WWW-Authenticate": WWW_AUTHENTICATE},
        )
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(
            401,
            "missing_token",
            "Send the kiosk's token as Authorization: Bearer <token>.",
            headers={"WWW-Authenticate": WWW_AUTHENTICATE},
        )
    return token
