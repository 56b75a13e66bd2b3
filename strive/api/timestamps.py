"""The API's one timestamp format: UTC, ISO 8601, milliseconds, `Z`."""

from datetime import UTC, datetime

from rest_framework import serializers


def format_timestamp(value: datetime | None) -> str | None:
    """`2026-03-31T00:00:00.000Z`, or None for a missing timestamp."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    return f"{value:%Y-%m-%dT%H:%M:%S}.{value.microsecond // 1000:03d}Z"


class TimestampField(serializers.ReadOnlyField):
    """A read-only serializer field in the API's timestamp format."""

    def to_representation(self, value: datetime | None) -> str | None:
        return format_timestamp(value)
