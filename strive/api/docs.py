"""The API describing itself: the OpenAPI schema and the docs page that reads it.

Both are public (no key) and keep none of the API's defaults that would get in the
way: their own renderers, negotiation, authentication and permissions. Their errors
are the API's usual `{"error": ...}` JSON.
"""

from django.http import Http404, HttpResponse
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny

from strive.api.responses import json_response


class SchemaNegotiation(DefaultContentNegotiation):
    """YAML when asked for by suffix, `?format=yaml` or `Accept`; JSON otherwise. Never a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except (NotAcceptable, Http404):
            wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            renderer = next((r for r in renderers if r.format == wanted), renderers[0])
            return renderer, renderer.media_type


class JSONErrorsMixin:
    """Answers any error of the view as the API does: `{"error": ...}` in JSON."""

    http_method_names = ["get", "head"]
    authentication_classes = []
    permission_classes = [AllowAny]

    def handle_exception(self, exc: Exception) -> HttpResponse:
        response = super().handle_exception(exc)
        headers = {k: v for k, v in response.items() if k.lower() != "content-type"}
        return json_response(response.data, status=response.status_code, headers=headers)


class SchemaView(JSONErrorsMixin, SpectacularAPIView):
    """`GET /api/v1/schema`: OpenAPI 3.1 in JSON; YAML from `/api/v1/schema.yaml`,
    `?format=yaml` or `Accept: application/yaml`."""

    content_negotiation_class = SchemaNegotiation
    renderer_classes = [
        OpenApiJsonRenderer2,  # application/json first: what a browser or curl gets
        OpenApiYamlRenderer2,
        OpenApiJsonRenderer,
        OpenApiYamlRenderer,
    ]


class DocsView(JSONErrorsMixin, SpectacularSwaggerView):
    """`GET /api/docs`: Swagger UI over the schema, every asset served from our static files."""

    url_name = "api-schema"
    title = "Strive API docs"
