"""JSON responses for plain Django views, rendered like the API's (compact, orjson)."""

from typing import Any

import orjson
from django.http import HttpResponse


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None):
    """An `application/json` HttpResponse."""
    return HttpResponse(
        orjson.dumps(data), status=status, headers=headers, content_type="application/json"
    )
