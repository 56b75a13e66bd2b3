"""Top-level routes. Every route answers with and without a trailing slash."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from strive import health
from strive.api import docs, fallbacks

urlpatterns = [
    re_path(r"^admin$", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    re_path(r"^status/?$", health.status, name="status"),
    path("api/v1/", include("goals.urls")),
    # The API's self-description (before the /api catch-all): schema and docs page.
    re_path(r"^api/v1/schema/?$", docs.SchemaView.as_view(), name="api-schema"),
    re_path(r"^api/v1/schema\.(?P<format>json|yaml)/?$", docs.SchemaView.as_view()),
    re_path(r"^api/docs/?$", docs.DocsView.as_view(), name="api-docs"),
    re_path(r"^api(/|$)", fallbacks.api_not_found),
]

handler400 = "strive.api.fallbacks.handler400"
handler404 = "strive.api.fallbacks.handler404"
handler500 = "strive.api.fallbacks.handler500"
