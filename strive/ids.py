"""Opaque string IDs: how new ones are made and which strings could ever name a row."""

import secrets

ID_MAX_LENGTH = 64


def new_id() -> str:
    """20 random URL-safe characters (15 random bytes, base64url), never starting with `-`.

    An ID that starts with `-` reads as an option on a command line
    (`revoke_api_key -xY...`), so such draws are simply drawn again.
    """
    while True:
        value = secrets.token_urlsafe(15)
        if not value.startswith("-"):
            return value


def could_exist(value: str) -> bool:
    """False for strings no row can hold, so lookups skip the database.

    PostgreSQL refuses NUL bytes in text outright, and no stored ID is longer
    than the column; either would otherwise surface as a database error.
    """
    return 0 < len(value) <= ID_MAX_LENGTH and "\x00" not in value
