"""The milestones endpoints."""

from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from apikeys.permissions import HasScope
from apikeys.scopes import MILESTONES_READ
from apikeys.throttling import ApiKeyRateThrottle
from goals import selectors
from goals.serializers import milestone_json
from strive.api.views import ApiViewSet

NOT_A_STAKEHOLDER = "You are not a stakeholder of this goal"


class MilestoneViewSet(ApiViewSet):
    """`GET /goals/{goalId}/milestones[/{milestoneId}]`, read-only.

    The stakeholder check is part of the milestone read (one query, see
    `selectors.stakeholder_milestones`), after authentication, rate limit and scope.
    """

    throttle_classes = [ApiKeyRateThrottle]
    permission_classes = [HasScope]
    required_scopes = [MILESTONES_READ]

    def list(self, request: Request, goal_id: str) -> Response:
        return Response([milestone_json(row) for row in self._read(goal_id)])

    def retrieve(self, request: Request, goal_id: str, milestone_id: str) -> Response:
        rows = self._read(goal_id, milestone_id)
        if not rows:
            raise NotFound("Milestone not found")
        return Response(milestone_json(rows[0]))

    def _read(self, goal_id: str, milestone_id: str | None = None) -> list:
        rows = selectors.stakeholder_milestones(self.request.user.pk, goal_id, milestone_id)
        if rows is None:
            raise PermissionDenied(NOT_A_STAKEHOLDER)
        return rows
