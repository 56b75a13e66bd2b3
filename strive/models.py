"""Abstract model pieces shared by the apps."""

from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    """`created_at` (settable, for imports and fixtures) and `updated_at` (kept by Django)."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
