"""The API's one timestamp format: UTC, ISO 8601, milliseconds, `Z`."""

from datetime import UTC, datetime


def format_timestamp(value: datetime | None) -> str | None:
    """`2026-03-31T00:00:00.000Z`, or None for a missing timestamp."""
    if value is None:
        return None
    # isoformat is implemented in C; "+00:00" becomes "Z".
    return value.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"
