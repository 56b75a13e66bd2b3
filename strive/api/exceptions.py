"""Turns every exception an API view raises into `{"error": "<message>"}`."""

import logging

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger("strive.api")

RATE_LIMITED = "Rate limit exceeded. Try again later."
INTERNAL_ERROR = "Internal server error"


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's handler (status, headers such as `Retry-After`), then the contract's body."""
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
