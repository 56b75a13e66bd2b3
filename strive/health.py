"""`GET /status`: is this instance able to serve, i.e. do its databases answer?"""

import logging

from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from strive.api.responses import json_response
from strive.api.timestamps import format_timestamp

logger = logging.getLogger("strive.health")


@csrf_exempt
def status(request: HttpRequest) -> HttpResponse:
    """200 `{"status": "ok"}` when `SELECT 1` succeeds on every database, else 503 `"unavailable"`.

    Every database: the primary, and the read replica when one is configured,
    since the API cannot answer without it.
    """
    if request.method not in ("GET", "HEAD"):
        return json_response(
            {"error": f'Method "{request.method}" not allowed.'},
            status=405,
            headers={"Allow": "GET, HEAD"},
        )
    timestamp = format_timestamp(timezone.now())
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as error:
            logger.warning("status: database %r unavailable: %s", alias, type(error).__name__)
            return json_response({"status": "unavailable", "timestamp": timestamp}, status=503)
    return json_response({"status": "ok", "timestamp": timestamp})
