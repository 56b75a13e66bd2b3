"""Request id and the access log: one JSON line per request."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
        logger.info(
            "%s %s %s",
            request.method,
            redact(request.path),
            response.status_code,
            extra={
                "method": request.method,
                "path": redact(request.path),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "request_id": request.id,
                "key_prefix": getattr(api_key, "prefix", None),
                "user_id": getattr(api_key, "user_id", None),
            },
        )
        return response
