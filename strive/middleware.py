"""Request id and the access log (one JSON line per request); 503 when the database is away."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from strive.api.exceptions import UNAVAILABLE, UNAVAILABLE_RETRY_AFTER, outage_summary
from strive.api.responses import json_response
from strive.logs import redact

logger = logging.getLogger("strive.request")
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestLogMiddleware:
    """Accepts or makes an `X-Request-ID`, echoes it, and logs the request once it is answered.

    Outermost, so the line covers every answer, refusals and crashes included. It
    logs the key's display prefix and user id, never a header or a raw key.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        api_key = getattr(request, "auth", None)  # set by DRF when a key authenticated
        path = redact(request.path)
        logger.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "request_id": request.id,
                "key_prefix": getattr(api_key, "prefix", None),
                "user_id": getattr(api_key, "user_id", None),
            },
        )
        return response


class DatabaseUnavailableMiddleware:
    """A page that cannot reach the database answers 503 with `Retry-After`, not a 500 page.

    API views answer this themselves (strive.api.exceptions); this covers the rest,
    the admin above all, so an outage leaves no traceback anywhere.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logging.getLogger("strive.health").warning(
            "Database unavailable: %s", outage_summary(exception)
        )
        headers = {"Retry-After": UNAVAILABLE_RETRY_AFTER}
        if request.path.startswith("/api/"):
            return json_response({"error": UNAVAILABLE}, status=503, headers=headers)
        return HttpResponse(
            UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8", headers=headers
        )
