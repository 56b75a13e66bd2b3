"""JSON answers for requests that never reach an API view (unknown paths, crashes)."""

from django.http import HttpRequest, HttpResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

from strive.api.exceptions import INTERNAL_ERROR
from strive.api.responses import json_response


@csrf_exempt  # keys travel in a header; there is no cookie to protect under /api/
def api_not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Any path under `/api/` that no route matched."""
    return json_response({"error": "Not found"}, status=404)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_response({"error": "Bad request"}, status=400)
    return defaults.bad_request(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_response({"error": INTERNAL_ERROR}, status=500)
    return defaults.server_error(request)
