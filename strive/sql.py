"""Helpers for the few hand-written SQL reads on the API's hot path."""

from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime

from strive.api.timestamps import format_timestamp

# PostgreSQL formats the API's timestamp itself: no datetime objects to build, load
# (Django's tz-aware loader is pure Python) and format again, per row.
_PG_WIRE_TIMESTAMP = """to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"""


def wire_timestamp(column: str, vendor: str) -> str:
    """SQL selecting `column` already in the API's timestamp format where the database can."""
    if vendor == "postgresql":
        return _PG_WIRE_TIMESTAMP.format(column=column)
    return column


def as_wire_timestamp(value: datetime | str | None) -> str | None:
    """The API's timestamp from what `wire_timestamp` selected (text, or a datetime)."""
    if value is None or (isinstance(value, str) and value.endswith("Z")):
        return value
    return format_timestamp(as_datetime(value))


def as_datetime(value: datetime | str | None) -> datetime | None:
    """An aware datetime from a raw cursor's value.

    PostgreSQL (psycopg) hands back aware datetimes; SQLite hands back naive UTC
    ones (or text), which the ORM would have made aware for us.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
