"""App config for goals."""

from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "goals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from goals import schema  # noqa: F401  registers the OpenAPI description
