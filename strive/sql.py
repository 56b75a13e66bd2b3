"""Helpers for the few hand-written SQL reads on the API's hot path."""

from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime


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
