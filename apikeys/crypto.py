"""The only module that knows what a raw API key looks like and how it is hashed."""

import hashlib
import re
import secrets

KEY_PREFIX = "sk_live_"
PREFIX_LENGTH = len(KEY_PREFIX) + 8  # what people see to tell keys apart
_KEY_PATTERN = re.compile(r"sk_live_[0-9a-f]{64}")


def generate_key() -> str:
    """A new raw key: `sk_live_` and 32 random bytes as lowercase hex."""
    return KEY_PREFIX + secrets.token_hex(32)


def is_well_formed(token: str) -> bool:
    return _KEY_PATTERN.fullmatch(token) is not None


def hash_key(raw_key: str) -> str:
    """SHA-256 hex of the whole key; what the database stores and looks up."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


def display_prefix(raw_key: str) -> str:
    """`sk_live_` plus the first 8 hex characters."""
    return raw_key[:PREFIX_LENGTH]
