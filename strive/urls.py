"""Top-level routes. Every route answers with and without a trailing slash."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from strive import health
from strive.api import fallbacks

urlpatterns = [
    re_path(r"^admin$", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    re_path(r"^status/?$", health.status, name="status"),
    path("api/v1/", include("goals.urls")),
    re_path(r"^api(/|$)", fallbacks.api_not_found),
]

handler400 = "strive.api.fallbacks.handler400"
handler404 = "strive.api.fallbacks.handler404"
handler500 = "strive.api.fallbacks.handler500"
