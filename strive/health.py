"""`GET /status`: is this instance able to serve, i.e. does the database answer?"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from strive.api.responses import json_response
from strive.api.timestamps import format_timestamp

logger = logging.getLogger("strive.health")


@csrf_exempt
def status(request: HttpRequest) -> HttpResponse:
    """200 `{"status": "ok"}` when `SELECT 1` succeeds, 503 `"unavailable"` otherwise."""
    if request.method not in ("GET", "HEAD"):
        return json_response(
            {"error": f'Method "{request.method}" not allowed.'},
            status=405,
            headers={"Allow": "GET, HEAD"},
        )
    timestamp = format_timestamp(timezone.now())
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("status: database unavailable: %s", error.__class__.__name__)
        return json_response({"status": "unavailable", "timestamp": timestamp}, status=503)
    return json_response({"status": "ok", "timestamp": timestamp})
