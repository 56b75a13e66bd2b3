"""Database routing: reads to the replica when one is configured, every write to the primary."""

from django.conf import settings


class PrimaryReplicaRouter:
    """Reads to `replica` (DATABASE_REPLICA_URL) if set; writes and migrations to `default`."""

    def db_for_read(self, model, **hints) -> str:
        return "replica" if "replica" in settings.DATABASES else "default"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # both aliases hold the same data

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        return db == "default"
