"""Routes under `/api/v1/`. Each answers with and without a trailing slash, no redirect.

Any path segment is an ID (dots, unicode and all); IDs that match nothing are
answered by the views, after authentication, as the contract orders.
"""

from django.urls import re_path

from goals.views import MilestoneViewSet

SEGMENT = r"[^/]+"

urlpatterns = [
    re_path(
        rf"^goals/(?P<goal_id>{SEGMENT})/milestones/?$",
        MilestoneViewSet.as_view({"get": "list"}),
        name="milestone-list",
    ),
    re_path(
        rf"^goals/(?P<goal_id>{SEGMENT})/milestones/(?P<milestone_id>{SEGMENT})/?$",
        MilestoneViewSet.as_view({"get": "retrieve"}),
        name="milestone-detail",
    ),
]
