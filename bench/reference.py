"""A framework-free yardstick: a bare WSGI app on psycopg answering the list endpoint.

Only for the benchmark. It performs the same reads as the API (key by hash with its
user, the stakeholder row, the goal's active milestones in order) over one persistent
connection per worker, and renders the same bytes for a successful list. It does no
rate limiting and no `last_used_at`, and answers every refusal with a bare 4xx.

    DATABASE_URL=postgres://... gunicorn -w 2 bench.reference:application
"""

import hashlib
import os
import re
from datetime import UTC, datetime

import orjson
import psycopg

_PATH = re.compile(r"^/api/v1/goals/([^/]+)/milestones/?$")
_KEY = re.compile(r"sk_live_[0-9a-f]{64}")
_connection: psycopg.Connection | None = None

_KEY_SQL = """
    SELECT k.user_id, k.scopes, k.revoked_at, k.expires_at, u.is_active
    FROM apikeys_apikey k JOIN auth_user u ON u.id = k.user_id
    WHERE k.hashed_key = %s
"""
_STAKEHOLDER_SQL = "SELECT 1 FROM goals_stakeholder WHERE goal_id = %s AND user_id = %s LIMIT 1"
_MILESTONES_SQL = """
    SELECT id, description, status, "order", deadline, created_at, updated_at
    FROM goals_milestone
    WHERE goal_id = %s AND deleted_at IS NULL
    ORDER BY "order", created_at, id
"""


def _db() -> psycopg.Connection:
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection


def _ts(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def _answer(start_response, status: str, body: bytes):
    start_response(status, [("Content-Type", "application/json")])
    return [body]


def application(environ, start_response):
    match = _PATH.match(environ.get("PATH_INFO", ""))
    if match is None:
        return _answer(start_response, "404 Not Found", b'{"error":"Not found"}')
    parts = environ.get("HTTP_AUTHORIZATION", "").split()
    if len(parts) != 2 or parts[0].lower() != "bearer" or not _KEY.fullmatch(parts[1]):
        return _answer(start_response, "401 Unauthorized", b'{"error":"unauthorized"}')
    db = _db()
    key = db.execute(_KEY_SQL, (hashlib.sha256(parts[1].encode()).hexdigest(),)).fetchone()
    now = datetime.now(UTC)
    if key is None or key[2] is not None or not key[4] or (key[3] and key[3] <= now):
        return _answer(start_response, "401 Unauthorized", b'{"error":"unauthorized"}')
    if "milestones:read" not in key[1]:
        return _answer(start_response, "403 Forbidden", b'{"error":"forbidden"}')
    goal_id = match.group(1)
    if db.execute(_STAKEHOLDER_SQL, (goal_id, key[0])).fetchone() is None:
        return _answer(start_response, "403 Forbidden", b'{"error":"forbidden"}')
    rows = db.execute(_MILESTONES_SQL, (goal_id,)).fetchall()
    data = [
        {
            "id": row[0],
            "description": row[1],
            "status": row[2],
            "order": row[3],
            "deadline": _ts(row[4]),
            "createdAt": _ts(row[5]),
            "updatedAt": _ts(row[6]),
        }
        for row in rows
    ]
    return _answer(start_response, "200 OK", orjson.dumps({"data": data}))
