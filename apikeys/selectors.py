"""The key lookup every API request starts with."""

import orjson
from django.contrib.auth import get_user_model
from django.db import connections, router

from apikeys.models import ApiKey
from strive.sql import as_datetime

# Hand-written for the same reason as goals.selectors: compiling the ORM query and
# building two full model instances cost more than the indexed lookup itself.
_KEY_BY_HASH = """
    SELECT k.id, k.user_id, k.prefix, k.scopes, k.expires_at, k.revoked_at, k.last_used_at,
           u.is_active
    FROM apikeys_apikey k
    JOIN auth_user u ON u.id = k.user_id
    WHERE k.hashed_key = %s
"""
_KEY_FIELDS = ["id", "user_id", "prefix", "scopes", "expires_at", "revoked_at", "last_used_at"]


def key_by_hash(hashed_key: str) -> ApiKey | None:
    """The key with this hash and its user (only `id` and `is_active` loaded), or None.

    Always read from the primary, never a replica: a revocation must hold from the
    next request on, not after the replica catches up.
    """
    database = connections[router.db_for_write(ApiKey)]
    with database.cursor() as cursor:
        cursor.execute(_KEY_BY_HASH, [hashed_key])
        row = cursor.fetchone()
    if row is None:
        return None
    key_id, user_id, prefix, scopes, expires_at, revoked_at, last_used_at, is_active = row
    values = [
        key_id,
        user_id,
        prefix,
        orjson.loads(scopes) if isinstance(scopes, str | bytes) else scopes,
        as_datetime(expires_at),
        as_datetime(revoked_at),
        as_datetime(last_used_at),
    ]
    api_key = ApiKey.from_db(database.alias, _KEY_FIELDS, values)
    # Other user fields stay deferred: loaded on first access, never on the hot path.
    api_key.user = get_user_model().from_db(
        database.alias, ["id", "is_active"], [user_id, bool(is_active)]
    )
    return api_key
