"""ApiKey: a hashed personal key with scopes, optional expiry and revocation."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from strive.ids import ID_MAX_LENGTH, new_id
from strive.models import TimeStampedModel


class ApiKeyQuerySet(models.QuerySet):
    def active(self, now: datetime | None = None) -> "ApiKeyQuerySet":
        """Not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def revoked(self) -> "ApiKeyQuerySet":
        return self.filter(revoked_at__isnull=False)

    def expired(self, now: datetime | None = None) -> "ApiKeyQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__lte=now or timezone.now())


class ApiKey(TimeStampedModel):
    """A personal API key. Only its SHA-256 hash and display prefix are stored."""

    id = models.CharField(
        primary_key=True, max_length=ID_MAX_LENGTH, default=new_id, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=16, db_index=True, editable=False)
    hashed_key = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})" if self.name else f"{self.prefix}…"

    def status(self, now: datetime | None = None) -> str:
        """`revoked`, `expired` or `active`."""
        if self.revoked_at is not None:
            return "revoked"
        if self.is_expired(now):
            return "expired"
        return "active"

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())
