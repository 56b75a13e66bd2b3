"""Database routing: the API's reads to the replica when one is configured, all else to the primary.

Only reads made while an API view answers go to the replica. The admin, the
commands and the services read the primary: they read what they just wrote
(a revoked key, the 10-keys-per-user count), and a replica may lag behind.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"

_serving_api = ContextVar("serving_api", default=False)


@contextmanager
def api_reads() -> Iterator[None]:
    """Within this block, reads may be served by the replica."""
    token = _serving_api.set(True)
    try:
        yield
    finally:
        _serving_api.reset(token)


class PrimaryReplicaRouter:
    """API reads to `replica` (DATABASE_REPLICA_URL) if set; all else to `default`."""

    def db_for_read(self, model, **hints) -> str:
        if _serving_api.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # both aliases hold the same data

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        return db == PRIMARY
