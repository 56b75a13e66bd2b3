"""The envelope: successes render as `{"data": ...}`, errors pass through as `{"error": ...}`."""

from typing import Any

import orjson
from rest_framework.renderers import BaseRenderer


class EnvelopeJSONRenderer(BaseRenderer):
    """Renders JSON with orjson, wrapping every successful body in `{"data": ...}`."""

    media_type = "application/json"
    format = "json"
    charset = None  # JSON is UTF-8 by definition (RFC 8259)

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code < 400:
            data = {"data": data}
        return orjson.dumps(data)
