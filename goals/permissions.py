"""Access to a goal's data: the caller must be one of its stakeholders."""

from rest_framework.permissions import BasePermission

from goals import selectors


class IsGoalStakeholder(BasePermission):
    """Allows the request when the key's user holds a role on the goal in the URL."""

    message = "You are not a stakeholder of this goal"

    def has_permission(self, request, view) -> bool:
        return selectors.is_stakeholder(request.user.pk, view.kwargs["goal_id"])
