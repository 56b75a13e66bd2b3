"""Turns every exception an API view raises into `{"error": "<message>"}`."""

import logging

from django.db import InterfaceError, OperationalError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger("strive.api")

RATE_LIMITED = "Rate limit exceeded. Try again later."
INTERNAL_ERROR = "Internal server error"
UNAVAILABLE = "Service unavailable"
UNAVAILABLE_RETRY_AFTER = "5"


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's handler (status, headers such as `Retry-After`), then the contract's body."""
    if isinstance(exc, OperationalError | InterfaceError):
        # The database is down, refusing connections or timed a statement out: a
        # passing condition, not a bug. The connection is dropped and retried next time.
        logger.warning("Database unavailable: %s", outage_summary(exc))
        set_rollback()
        return Response(
            {"error": UNAVAILABLE},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": UNAVAILABLE_RETRY_AFTER},
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.error("Unhandled error in %s", context.get("view"), exc_info=exc)
        set_rollback()
        return Response({"error": INTERNAL_ERROR}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    response.data = {"error": _message(exc)}
    return response


def _message(exc: Exception) -> str:
    if isinstance(exc, exceptions.Throttled):
        return RATE_LIMITED
    detail = getattr(exc, "detail", None)
    # Validation-style details are lists or dicts; the contract wants one sentence.
    while isinstance(detail, dict | list) and detail:
        detail = next(iter(detail.values())) if isinstance(detail, dict) else detail[0]
    return str(detail) if detail else "Error"


def outage_summary(exc: Exception) -> str:
    """An outage is expected and logged without a traceback: its class and first line."""
    lines = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {lines[0] if lines else ''}"
